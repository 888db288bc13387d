import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { pipeline, type Readable, Transform } from 'node:stream';
import type { StorageConfig } from '../../config/app-config';
import { assertSafeKey, assertSafePrefix, type ByteRange, FileStorage, type StoredObject } from './file-storage';

export type S3StorageConfig = Extract<StorageConfig, { driver: 's3' }>;

/** Multipart tuning: at most QUEUE_SIZE parts in flight plus one being filled, so memory stays ~3 parts. */
export const S3_PART_SIZE = 8 * 1024 * 1024;
export const S3_QUEUE_SIZE = 2;

/** S3 or an S3-compatible store (MinIO, s3rver). */
export class S3FileStorage extends FileStorage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: S3StorageConfig) {
    super();
    this.bucket = config.bucket;
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      // A hung store must fail the request, not block it forever. requestTimeout covers the wait
      // for response headers (it only warns unless throwOnRequestTimeout); socketTimeout covers a
      // body transfer that stalls half-way.
      requestHandler: {
        connectionTimeout: 5_000,
        requestTimeout: 30_000,
        throwOnRequestTimeout: true,
        socketTimeout: 30_000,
      },
      // With a custom endpoint (an S3-compatible store), send/verify the flexible CRC32 checksums only
      // where the API demands them: SDK >= 3.729 adds them by default and several compatible stores
      // (older MinIO, Ceph, some hosted ones) reject or mishandle them. Real S3 keeps the defaults.
      ...(config.endpoint
        ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
        : {}),
    });
  }

  async put(key: string, body: Readable, contentType: string): Promise<number> {
    assertSafeKey(key);
    let bytes = 0;
    // Counts what passes; its small buffer plus Upload's pull-based reading keep back-pressure intact.
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    // pipeline forwards a body error into `counter` (failing the upload) and destroys `body` if we stop.
    pipeline(body, counter, () => undefined);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counter, ContentType: contentType },
      partSize: S3_PART_SIZE,
      queueSize: S3_QUEUE_SIZE,
      // We abort ourselves below: lib-storage's own abort would replace the original error with the
      // abort's error if the abort itself fails.
      leavePartsOnError: true,
    });
    try {
      await upload.done();
      return bytes;
    } catch (error) {
      counter.destroy();
      await this.abortMultipart(key, upload.uploadId);
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertSafeKey(key);
    const response = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
      }),
    );
    if (!response.Body) throw new Error(`No body for storage key: ${key}`);
    return response.Body as Readable;
  }

  async size(key: string): Promise<number | null> {
    assertSafeKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      // S3 answers 204 for a missing key anyway; some compatible stores answer 404.
      if (!isNotFound(error)) throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    for await (const page of this.pages(prefix)) yield* page;
  }

  /** Deletes a listed page at a time (at most 1000 keys, one DeleteObjects request each). */
  async deletePrefix(prefix: string): Promise<number> {
    let removed = 0;
    for await (const page of this.pages(prefix)) {
      if (page.length === 0) continue;
      const response = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: page.map((object) => ({ Key: object.key })), Quiet: true },
        }),
      );
      const failed = response.Errors ?? [];
      if (failed.length > 0) {
        throw new Error(`Could not delete ${failed.length} object(s) under ${prefix}: ${failed[0].Code ?? 'error'}`);
      }
      removed += page.length;
    }
    return removed;
  }

  async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return { status: 'up', detail: 's3' };
    } catch (error) {
      // SDK error names/messages carry no credentials; HEAD errors have no body, so give the status too.
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { status: 'down', detail: status ? `${message} (HTTP ${status})` : message };
    }
  }

  /**
   * The objects under `prefix`, one page (up to 1000 keys) at a time. ListObjects (v1) pages on the
   * last key seen, which every S3-compatible store honours; v2's opaque continuation tokens are
   * not (s3rver cannot make one on current Node).
   */
  private async *pages(prefix: string): AsyncGenerator<StoredObject[]> {
    assertSafePrefix(prefix);
    let marker: string | undefined;
    for (;;) {
      const response = await this.client.send(
        new ListObjectsCommand({ Bucket: this.bucket, Prefix: prefix, Marker: marker }),
      );
      const page = (response.Contents ?? []).flatMap((object) =>
        object.Key ? [{ key: object.Key, size: object.Size ?? 0 }] : [],
      );
      yield page;
      if (!response.IsTruncated || page.length === 0) return;
      marker = page[page.length - 1].key;
    }
  }

  /** Drops the parts of a failed multipart upload; best effort, the original error matters more. */
  private async abortMultipart(key: string, uploadId: string | undefined): Promise<void> {
    if (!uploadId) return;
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch {
      // An incomplete upload is never a visible object; a bucket lifecycle rule
      // (AbortIncompleteMultipartUpload) reclaims its parts.
    }
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}
