import { createFileStorage } from './create-file-storage';
import { LocalFileStorage } from './local-file-storage';
import { S3FileStorage } from './s3-file-storage';

describe('createFileStorage', () => {
  it('builds local storage for the local driver', () => {
    expect(createFileStorage({ driver: 'local', dir: '/tmp/atrium-unused' })).toBeInstanceOf(LocalFileStorage);
  });

  it('builds S3 storage for the s3 driver, without contacting it', () => {
    const storage = createFileStorage({
      driver: 's3',
      endpoint: null,
      bucket: 'atrium',
      region: 'eu-west-1',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      forcePathStyle: false,
    });
    expect(storage).toBeInstanceOf(S3FileStorage);
  });
});
