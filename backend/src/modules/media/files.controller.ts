import { Controller, Get, Headers, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { Public } from '../../core/auth/route-policy';
import { ApiErrorDto } from '../../core/http/api-error.dto';
import type { ByteRange } from '../../core/storage/file-storage';
import { FileAccessService } from './file-access.service';

/**
 * Serves files behind signed URLs. Whatever a file contains, it can never run script in
 * Atrium's origin: `nosniff`, a sandboxing CSP that allows nothing, attachments unless it is an
 * image asked for inline, and the type Atrium detected from the content (never the uploader's).
 */
@ApiTags('media')
@Controller('v1/files')
@Public()
export class FilesController {
  constructor(private readonly files: FileAccessService) {}

  @Get(':token')
  @ApiOperation({
    summary: 'Download a file through a signed, short-lived URL (supports Range requests)',
    description:
      'URLs come from the media APIs (thumbnailUrl, viewUrl, downloadUrl). They are scoped to one file, one variant and one caller, and the caller must still have access when the URL is used.',
  })
  @ApiProduces('application/octet-stream')
  @ApiResponse({ status: 200, description: 'The whole file', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 206, description: 'The requested byte range', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 416, description: 'The range lies outside the file' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown, expired or tampered URL, or no longer allowed' })
  async download(
    @Param('token') token: string,
    @Headers('range') rangeHeader: string | undefined,
    @Req() request: FastifyRequest,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const file = await this.files.resolve(token);
    const { size } = file;

    const range = parseRange(rangeHeader, size);
    // HEAD (which Fastify routes here) gets the headers only: reading the file for it would let
    // anyone holding a URL make the server read gigabytes for a few bytes of request.
    const headersOnly = request.method === 'HEAD';
    // Opened before any header is set, so a storage failure still answers with a clean error.
    const body = range === 'unsatisfiable' || headersOnly ? null : await this.files.open(file, range ?? undefined);

    response.header('Content-Type', file.mimeType);
    response.header('X-Content-Type-Options', 'nosniff');
    response.header('Content-Security-Policy', "default-src 'none'; sandbox");
    response.header('Cross-Origin-Resource-Policy', 'same-origin');
    response.header('Cache-Control', 'private, max-age=300');
    response.header('Accept-Ranges', 'bytes');
    response.header('Content-Disposition', contentDisposition(file.inline ? 'inline' : 'attachment', file.filename));

    if (range === 'unsatisfiable') {
      response.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE).header('Content-Range', `bytes */${size}`).send();
      return;
    }
    if (range) {
      response.status(HttpStatus.PARTIAL_CONTENT);
      response.header('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      response.header('Content-Length', String(range.end - range.start + 1));
    } else {
      response.header('Content-Length', String(size));
    }
    // Fastify streams the body out; a client that goes away mid-download just ends the stream.
    // HEAD sends an empty stream: Fastify keeps the Content-Length set above for a stream, where
    // it would count an absent body as 0 bytes.
    await response.send(body ?? Readable.from([]));
  }
}

/** One `bytes=` range (the only kind browsers and players send); anything else gets the whole file. */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  // A last byte before the first makes the range invalid, which means: send the whole file.
  if (match[1] !== '' && match[2] !== '' && Number(match[2]) < start) return null;
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
