import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { MediaAssetView, MediaKind, MediaPage, MediaStatus, MediaUsage, UploadResult } from '@atrium/shared';

const KINDS: MediaKind[] = ['image', 'video', 'document'];

class UploaderDto {
  @ApiProperty({ nullable: true, type: String }) id!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['agency', 'client'] }) kind!: 'agency' | 'client';
}

export class MediaAssetDto implements MediaAssetView {
  @ApiProperty() id!: string;
  @ApiProperty({
    example: 'report.jpg',
    description:
      "The uploader's name, cleaned (no directories, control or invisible format characters), with the extension of the detected type",
  })
  filename!: string;
  @ApiProperty({ example: 'image/jpeg', description: 'Detected from the content' }) mimeType!: string;
  @ApiProperty({ enum: KINDS }) kind!: MediaKind;
  @ApiProperty() size!: number;
  @ApiProperty({ nullable: true, type: Number }) width!: number | null;
  @ApiProperty({ nullable: true, type: Number }) height!: number | null;
  @ApiProperty({ enum: ['processing', 'ready', 'failed'] }) status!: MediaStatus;
  @ApiProperty({ nullable: true, type: String }) clientId!: string | null;
  @ApiProperty({ nullable: true, type: String }) clientName!: string | null;
  @ApiProperty({ type: UploaderDto }) uploadedBy!: UploaderDto;
  @ApiProperty({ enum: ['agency', 'portal'] }) source!: 'agency' | 'portal';
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Signed, short-lived' }) thumbnailUrl!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Signed, short-lived; images only' }) viewUrl!:
    | string
    | null;
  @ApiProperty({ description: 'Signed, short-lived; always an attachment' }) downloadUrl!: string;
}

export class MediaPageDto implements MediaPage {
  @ApiProperty({ type: [MediaAssetDto] }) items!: MediaAssetDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

class RejectedFileDto {
  @ApiProperty() filename!: string;
  @ApiProperty({ example: 'not an accepted file type (an SVG image)' }) reason!: string;
}

export class UploadResultDto implements UploadResult {
  @ApiProperty({ type: [MediaAssetDto] }) stored!: MediaAssetDto[];
  @ApiProperty({ type: [RejectedFileDto] }) rejected!: RejectedFileDto[];
}

export class MediaUsageDto implements MediaUsage {
  @ApiProperty() usedBytes!: number;
  @ApiProperty({ nullable: true, type: Number }) quotaBytes!: number | null;
  @ApiProperty() maxFileBytes!: number;
  @ApiProperty({ type: [String] }) acceptedTypes!: string[];
}

export class PortalMediaQueryDto {
  @ApiPropertyOptional({ description: 'Part of the file name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 40 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class MediaQueryDto extends PortalMediaQueryDto {
  @ApiPropertyOptional({ description: 'A client id, or `agency` for the agency’s own files' })
  @IsOptional()
  @Matches(/^(agency|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'clientId must be a client id or "agency"',
  })
  clientId?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() uploaderId?: string;

  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kind?: MediaKind;
}

export const UPLOAD_DESCRIPTION =
  'multipart/form-data with one or more `file` parts, streamed to storage. The type is detected from the content; SVG, HTML and unknown types are refused per file, as are files over the size limit.';

/** Documents the multipart body for Swagger; the server reads it as a stream. */
export class UploadBodyDto {
  @ApiPropertyOptional({ description: 'Agency uploads only: the client the files belong to (before the files)' })
  clientId?: string;

  @ApiProperty({ type: 'array', items: { type: 'string', format: 'binary' }, description: 'One or more files' })
  file!: unknown[];
}
