import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { fileStorageContract, generatedStream } from './file-storage.contract';
import { S3_PART_SIZE, S3_QUEUE_SIZE, S3FileStorage, type S3StorageConfig } from './s3-file-storage';

const BUCKET = 'atrium-test';
const MiB = 1024 * 1024;

let server: S3rver;
let dir: string;
let endpoint: string;
/** What the server has seen: every request, and every part it finished storing. */
const seen = { requests: 0, partsStored: 0 };

function config(bucket = BUCKET): S3StorageConfig {
  return {
    driver: 's3',
    endpoint,
    bucket,
    region: 'us-east-1',
    // s3rver's built-in account; it does check SigV4 signatures.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atrium-s3rver-'));
  server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  server.httpServer?.on('request', (req, res) => {
    seen.requests += 1;
    // An UploadPart counts once the server has stored it and answered.
    if (req.method === 'PUT' && /[?&]partNumber=/.test(req.url ?? '')) {
      res.on('finish', () => {
        if (res.statusCode === 200) seen.partsStored += 1;
      });
    }
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

fileStorageContract('S3FileStorage on s3rver', () => new S3FileStorage(config()));

describe('S3FileStorage specifics', () => {
  it('reports health down for a bucket that does not exist', async () => {
    const health = await new S3FileStorage(config('no-such-bucket')).health();
    expect(health.status).toBe('down');
    expect(health.detail).toContain('404');
  });

  it('sends no request at all for an unsafe key', async () => {
    const storage = new S3FileStorage(config());
    const before = seen.requests;
    await expect(storage.size('../x')).rejects.toThrow(/Unsafe storage key/);
    await expect(storage.delete('/abs')).rejects.toThrow(/Unsafe storage key/);
    expect(seen.requests).toBe(before);
  });

  it('back-pressures the producer: it never runs more than a few parts ahead of the server', async () => {
    const storage = new S3FileStorage(config());
    const total = 64 * MiB;
    seen.partsStored = 0;
    let maxLead = 0;
    // Checked on every chunk produced, against parts the server has fully stored: no timing involved.
    const { stream } = generatedStream(total, {
      onProduce: (produced) => (maxLead = Math.max(maxLead, produced - seen.partsStored * S3_PART_SIZE)),
    });
    expect(await storage.put('test/large.bin', stream, 'application/octet-stream')).toBe(total);
    expect(seen.partsStored).toBe(total / S3_PART_SIZE);
    // QUEUE_SIZE parts in flight + the one being filled + one of slack for stream buffers; far below
    // the 64 MiB that buffering the whole body would show.
    expect(maxLead).toBeLessThanOrEqual((S3_QUEUE_SIZE + 2) * S3_PART_SIZE);
    await storage.delete('test/large.bin');
  }, 120_000);
});
