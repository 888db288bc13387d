import {
  BadRequestException,
  type BeforeApplicationShutdown,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
} from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { UploadExchange } from './upload-exchange';
import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { UploadResult } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import { JobQueue, JOBS } from '../../core/jobs/job-queue';
import { FileStorage } from '../../core/storage/file-storage';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { TenantData, type TenantDataAccess } from '../../core/tenancy/tenant-data';
import { agencyScope, clientOf, type Actor, type TenantScope } from '../../core/tenancy/tenant-scope';
import { MediaAsset, type MediaPurpose } from './entities/media-asset.entity';
import {
  cleanFilename,
  describeRefused,
  detectFileType,
  filenameForType,
  SNIFF_BYTES,
  type DetectedType,
} from './file-type';
import { deleteStoredBytes } from './stored-bytes';

const MB = 1024 * 1024;
const MAX_FILES_PER_REQUEST = 20;
/** How long shutdown waits for in-flight uploads to clean up and be answered. */
const SHUTDOWN_ANSWER_MS = 5_000;
/**
 * How long a client still sending an upload that was answered at shutdown may go on sending before
 * its connection is closed: closing while it sends would reset the connection, and a reset can
 * make the client lose the answer it was already sent.
 */
const SHUTDOWN_DRAIN_MS = 2_000;

export const RESTARTING_MESSAGE = 'The server is restarting; upload again in a moment.';

/** An upload being received, as shutdown sees it. */
interface InFlightUpload {
  exchange: UploadExchange;
  /** Ends the upload with this error (its files are removed, the request answered with it). */
  abort(error: Error): void;
  /** Settles once the upload has finished or cleaned up after itself. */
  settled: Promise<void>;
}

/**
 * What is uploaded. The files belong to the actor's scope: a client scope's files are its
 * client's, an agency scope's the agency's own unless the request names a client.
 */
export interface UploadOptions {
  purpose: MediaPurpose;
  /** Where the files come from; by default the portal for a client scope, else the agency. */
  source?: 'agency' | 'portal';
  /**
   * Agency library uploads: a `clientId` field before the files names the client they belong to
   * (404 when it is not a live client of the scope).
   */
  clientField?: boolean;
  /** Accept only images (profile pictures). */
  imagesOnly?: boolean;
  /** Tighter limits than the configured ones (profile pictures: one small image). */
  maxFileBytes?: number;
  maxFiles?: number;
}

/** Who stores a file, and where it goes. */
interface FileOwner {
  actor: Actor;
  source: 'agency' | 'portal';
  purpose: MediaPurpose;
  clientId: string | null;
  imagesOnly: boolean;
}

interface StoredFile {
  asset: MediaAsset;
}

class Refused extends Error {}

/**
 * Receives multipart uploads as streams: each file's first bytes decide its type, then the rest
 * flows straight to FileStorage under a name the server makes. Nothing is ever held whole in
 * memory; a file that is too large, over the agency's quota, of a refused type or cut off leaves
 * nothing behind. One request may carry several files; each gets its own verdict.
 */
@Injectable()
export class MediaUploadsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MediaUploadsService.name);
  private closing = false;
  private readonly inFlight = new Set<InFlightUpload>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly storage: FileStorage,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  /**
   * What the scope's agency stores, against its quota. The quota is the agency's: files of every
   * client count, also when a client's people upload.
   */
  async usedBytes(scope: TenantScope, data: TenantDataAccess = this.tenant): Promise<number> {
    const row = await data
      .query(agencyScope(scope.agencyId), MediaAsset, 'm')
      .select('COALESCE(SUM(m.size), 0)', 'used')
      .getRawOne<{ used: string | number }>();
    return Number(row?.used ?? 0);
  }

  async receive(
    actor: Actor,
    exchange: UploadExchange,
    options: UploadOptions,
  ): Promise<{ stored: MediaAsset[]; rejected: UploadResult['rejected'] }> {
    // Registered at once, so that shutdown also ends an upload still waiting for its quota check.
    let abort: (error: Error) => void = () => undefined;
    let aborted: Error | null = null;
    let settle: () => void = () => undefined;
    const upload: InFlightUpload = {
      exchange,
      abort: (error) => {
        aborted ??= error;
        abort(error);
      },
      settled: new Promise<void>((resolve) => (settle = resolve)),
    };
    if (this.closing) {
      // Arrived after shutdown began: answered at once, and the connection then closed rather than
      // kept open for the rest of the body.
      void answered(exchange).then(() => closeAfterDrain(exchange));
      retryLater(exchange);
      throw restarting();
    }
    this.inFlight.add(upload);
    try {
      return await this.receiveTracked(actor, exchange.request, options, (onAbort) => {
        abort = onAbort;
        if (aborted) onAbort(aborted);
      });
    } catch (error) {
      if (error === aborted) retryLater(exchange);
      throw error;
    } finally {
      this.inFlight.delete(upload);
      settle();
    }
  }

  /**
   * On shutdown (SIGTERM): new uploads are refused, and uploads still coming in are ended with a
   * 503 that says to upload again, their partly written files removed, rather than cut off with
   * no answer and a temporary file left behind.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    const uploads = [...this.inFlight];
    if (uploads.length === 0) return;
    this.logger.warn({ msg: 'Shutting down: ending uploads in progress', uploads: uploads.length });
    for (const upload of uploads) upload.abort(restarting());
    await withinMs(Promise.all(uploads.map((upload) => upload.settled)), SHUTDOWN_ANSWER_MS);
    await withinMs(Promise.all(uploads.map((upload) => answered(upload.exchange))), SHUTDOWN_ANSWER_MS);
    await Promise.all(uploads.map((upload) => closeAfterDrain(upload.exchange)));
  }

  private async receiveTracked(
    actor: Actor,
    request: IncomingMessage,
    options: UploadOptions,
    onAbort: (abort: (error: Error) => void) => void,
  ): Promise<{ stored: MediaAsset[]; rejected: UploadResult['rejected'] }> {
    if (!/^multipart\/form-data/i.test(request.headers['content-type'] ?? '')) {
      throw new BadRequestException('Send the files as multipart/form-data, in parts named "file".');
    }
    const quota = this.config.media.agencyQuotaBytes;
    let remaining = quota === null ? Number.POSITIVE_INFINITY : quota - (await this.usedBytes(actor.scope));
    if (remaining <= 0) {
      throw new HttpException(
        "Your agency's file storage is full. Delete files from the media library to make room.",
        HttpStatus.PAYLOAD_TOO_LARGE,
      );
    }

    const stored: MediaAsset[] = [];
    const rejected: UploadResult['rejected'] = [];
    const maxFileBytes = Math.min(this.config.media.maxFileBytes, options.maxFileBytes ?? Number.POSITIVE_INFINITY);
    const maxFiles = options.maxFiles ?? MAX_FILES_PER_REQUEST;
    const owner: FileOwner = {
      actor,
      source: options.source ?? (actor.scope.kind === 'client' ? 'portal' : 'agency'),
      purpose: options.purpose,
      clientId: clientOf(actor.scope),
      imagesOnly: options.imagesOnly ?? false,
    };
    const clientField = options.clientField === true && actor.scope.kind === 'agency';
    let clientId = owner.clientId;
    let clientVerified = true;
    let filesSeen = 0;
    // Files arrive one after the other on the one request stream; each is handled as it comes,
    // in this chain. A request that fails waits for it to settle before cleaning up.
    let work = Promise.resolve();
    let failed = false;

    try {
      await new Promise<void>((resolve, reject) => {
        let parser: busboy.Busboy;
        try {
          parser = busboy({
            headers: request.headers,
            // Browsers send file names as raw UTF-8 bytes; busboy's default reads them as Latin-1
            // (which turns `café.jpg` into `cafÃ©.jpg`).
            defParamCharset: 'utf8',
            limits: { fileSize: maxFileBytes, files: maxFiles, fields: 5, fieldSize: 200, parts: maxFiles + 10 },
          });
        } catch {
          reject(new BadRequestException('The multipart body could not be read.'));
          return;
        }
        let current: Readable | null = null;
        const fail = (error: unknown) => {
          if (failed) return;
          failed = true;
          // Ending the file being written makes its storage write fail and clean up after itself.
          current?.destroy(new Error('upload ended'));
          request.unpipe(parser);
          request.resume();
          parser.destroy();
          reject(error);
        };

        parser.on('field', (name, value) => {
          if (name === 'clientId' && clientField && filesSeen === 0) {
            clientId = value || null;
            clientVerified = false;
          } else if (name === 'clientId' && clientField) {
            fail(new BadRequestException('Send the clientId field before the files.'));
          } else {
            fail(new BadRequestException(`Unknown field "${name}"; send files in parts named "file".`));
          }
        });
        parser.on('file', (name, stream, info) => {
          filesSeen++;
          // Errors of a file stream (a body cut off mid-file) are handled by the work below;
          // a stream error with no listener would take the whole process down.
          stream.on('error', () => undefined);
          const filename = cleanFilename(info.filename);
          const fileClientId = clientId;
          work = work.then(async () => {
            if (failed) return void stream.resume();
            if (name !== 'file') {
              stream.resume();
              rejected.push({ filename, reason: `unexpected part "${name}" (files go in parts named "file")` });
              return;
            }
            current = stream;
            if (!clientVerified && fileClientId) {
              await this.tenant.liveClient(actor.scope, fileClientId);
              clientVerified = true;
              if (failed) return void stream.resume();
            }
            try {
              const file = await this.storeOne(
                stream,
                filename,
                { ...owner, clientId: fileClientId },
                remaining,
                maxFileBytes,
              );
              stored.push(file.asset);
              remaining -= file.asset.size;
            } catch (error) {
              stream.resume();
              if (error instanceof Refused) rejected.push({ filename, reason: error.message });
              else throw error;
            } finally {
              current = null;
            }
          });
          work.catch(fail);
        });
        parser.on('filesLimit', () =>
          rejected.push({
            filename: '…',
            reason: `at most ${maxFiles} ${maxFiles === 1 ? 'file' : 'files'} per upload`,
          }),
        );
        parser.on('error', () => fail(new BadRequestException('The multipart body could not be read.')));
        parser.on('close', () => {
          work.then(() => (failed ? undefined : resolve()), fail);
        });
        const interrupted = () => fail(new BadRequestException('The upload was interrupted.'));
        request.on('aborted', interrupted);
        request.on('error', interrupted);
        request.on('close', () => {
          if (!request.complete) interrupted();
        });
        // Shutdown may have begun while the quota was checked: then this ends at once.
        onAbort(fail);
        if (failed) return;
        // The client may have gone while the guards and the quota were checked: then no event
        // will come any more, and piping would wait forever.
        if (request.destroyed || request.readableAborted) return interrupted();
        request.pipe(parser);
      });
    } catch (error) {
      // A request that fails keeps nothing it stored, including a file that was still being
      // written when it failed.
      await work.catch(() => undefined);
      for (const asset of stored) await this.discard(actor.scope, asset);
      throw error;
    } finally {
      await this.auditRefusals(owner, rejected);
    }

    for (const asset of stored) {
      await this.audit.recordFor(actor, {
        action: owner.purpose === 'avatar' ? 'profile.avatar_uploaded' : 'media.uploaded',
        targetType: 'media_asset',
        targetId: asset.id,
        details: { clientId: asset.clientId, source: asset.source, mimeType: asset.mimeType, size: asset.size },
      });
      // Brand images are resized by the branding feature at once, and their original then deleted.
      if (asset.kind === 'image' && asset.purpose !== 'brand') {
        await this.jobs.enqueue(JOBS.mediaThumbnail, { assetId: asset.id }, { attempts: 3 }).catch((error) =>
          // The processing sweeper picks it up later.
          this.logger.warn({ msg: 'Could not enqueue a thumbnail', assetId: asset.id, error: String(error) }),
        );
      }
    }
    return { stored, rejected };
  }

  /** Refusals are worth a trail: an SVG with a script or HTML posing as a picture is an attempt. */
  private async auditRefusals(owner: FileOwner, rejected: UploadResult['rejected']): Promise<void> {
    if (rejected.length === 0) return;
    await this.audit
      .recordFor(owner.actor, {
        action: 'media.upload_refused',
        details: { clientId: owner.clientId, source: owner.source, purpose: owner.purpose, rejected },
      })
      .catch((error: unknown) =>
        this.logger.warn({
          msg: 'Could not audit refused uploads',
          agencyId: owner.actor.scope.agencyId,
          error: String(error),
        }),
      );
  }

  private async storeOne(
    stream: Readable & { truncated?: boolean },
    filename: string,
    owner: FileOwner,
    remainingQuota: number,
    maxFileBytes: number,
  ): Promise<StoredFile> {
    const { head, ended } = await readHead(stream, SNIFF_BYTES);
    if (head.length === 0) throw new Refused('the file is empty');
    const type: DetectedType | null = detectFileType(head);
    if (!type) throw new Refused(`not an accepted file type (${describeRefused(head)})`);
    if (owner.imagesOnly && type.kind !== 'image') {
      throw new Refused(owner.purpose === 'avatar' ? 'a profile picture must be an image' : 'not an image');
    }

    let bytes = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > remainingQuota) return callback(new Refused("the agency's file storage would be over its quota"));
        callback(null, chunk);
      },
    });
    const { scope } = owner.actor;
    const key = `agencies/${scope.agencyId}/${new Date().getUTCFullYear()}/${randomUUID()}.${type.extension}`;
    // A file shorter than the sniffed head has been read whole already.
    const source = ended ? Readable.from([head]) : stream;
    // Not stream.pipeline: it would destroy busboy's file stream on a refusal, and busboy then
    // waits forever for that stream to take more data. Instead a source error ends the write (which
    // cleans up after itself) and a refusal leaves the rest of the file to be drained by the caller.
    let cause: unknown = null;
    source.on('error', (error) => {
      cause ??= error;
      guard.destroy(error);
    });
    guard.on('error', (error) => {
      cause ??= error;
      source.unpipe(guard);
    });
    source.pipe(guard);
    let size: number;
    try {
      size = await this.storage.put(key, guard, type.mimeType);
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw cause instanceof Refused ? cause : error instanceof Refused ? error : (cause ?? error);
    }
    if (stream.truncated) {
      await this.storage.delete(key);
      throw new Refused(`larger than ${formatSize(maxFileBytes)}`);
    }
    try {
      const asset = await this.tenant.transaction(async (tx) => {
        // Uploads running side by side each saw the same free space; the quota is settled here,
        // one at a time per agency (its row locked), against what is really stored.
        await tx.findOwned(agencyScope(scope.agencyId), Agency, scope.agencyId, {
          select: { id: true },
          lock: 'update',
        });
        const quota = this.config.media.agencyQuotaBytes;
        if (quota !== null && (await this.usedBytes(scope, tx)) + size > quota) {
          throw new Refused("the agency's file storage would be over its quota");
        }
        return tx.insertOwned(scope, MediaAsset, {
          clientId: owner.clientId,
          purpose: owner.purpose,
          source: owner.source,
          uploadedByUserId: owner.actor.userId,
          filename: filenameForType(filename, type.mimeType),
          mimeType: type.mimeType,
          kind: type.kind,
          size,
          storageKey: key,
          status: type.kind === 'image' ? 'processing' : 'ready',
        });
      });
      return { asset };
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Deletes a file received here that its feature has finished with (a brand image's original,
   * once resized), bytes included; an unknown id is nothing to do.
   */
  async discardReceived(scope: TenantScope, assetId: string): Promise<void> {
    const asset = await this.tenant.findOwnedOrNull(scope, MediaAsset, assetId);
    if (!asset) return;
    await this.tenant.deleteOwned(scope, MediaAsset, { id: asset.id });
    await deleteStoredBytes(this.storage, this.logger, asset);
  }

  private async discard(scope: TenantScope, asset: MediaAsset): Promise<void> {
    await this.tenant.deleteOwned(scope, MediaAsset, { id: asset.id });
    await this.storage.delete(asset.storageKey).catch(() => undefined);
  }
}

/** The answer to an upload that shutdown ends. */
const restarting = () => new ServiceUnavailableException(RESTARTING_MESSAGE);

/** Says when to try again, on the answer to an upload that shutdown ended. */
function retryLater({ response }: UploadExchange): void {
  if (!response.headersSent) response.setHeader('Retry-After', '10');
}

/** Waits for `promise`, but no longer than `ms`. */
async function withinMs(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Settles once the request's response has been sent, or its connection has gone. */
function answered({ response }: UploadExchange): Promise<void> {
  if (response.writableFinished || response.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    response.once('finish', () => resolve());
    response.once('close', () => resolve());
  });
}

/**
 * Lets a client that is still sending the body of an answered upload finish (its bytes are read
 * and dropped) for a little while, then closes the connection, so that shutdown does not wait for
 * the rest of a large file.
 */
async function closeAfterDrain({ request }: UploadExchange): Promise<void> {
  if (request.socket.destroyed) return;
  if (!request.complete) {
    request.resume();
    await withinMs(
      new Promise((resolve) => {
        request.once('end', resolve);
        request.once('close', resolve);
      }),
      SHUTDOWN_DRAIN_MS,
    );
  }
  // Not kept alive for another request: the server is going away.
  request.socket.destroySoon();
}

function formatSize(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Reads at least `bytes` bytes and puts them back, so the stream still starts at its first byte
 * for whoever reads it next. A shorter file ends here: then `ended` is true and `head` is all of it.
 */
function readHead(stream: Readable, bytes: number): Promise<{ head: Buffer; ended: boolean }> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed) return reject(new Error('the file stream was closed'));
    const parts: Buffer[] = [];
    let length = 0;
    const cleanup = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    // Destroyed without an error (the request failed meanwhile): no 'end' or 'error' will come.
    const onClose = () => {
      cleanup();
      reject(new Error('the file stream was closed'));
    };
    const onEnd = () => {
      cleanup();
      resolve({ head: Buffer.concat(parts), ended: true });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (length < bytes && (chunk = stream.read() as Buffer | null) !== null) {
        parts.push(chunk);
        length += chunk.length;
      }
      if (length >= bytes) {
        cleanup();
        const head = Buffer.concat(parts);
        stream.unshift(head);
        resolve({ head, ended: false });
      }
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
