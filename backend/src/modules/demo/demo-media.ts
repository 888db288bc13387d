import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { EntityManager } from 'typeorm';
import type { FileStorage } from '../../core/storage/file-storage';
import type { Client } from '../../core/tenancy/entities/client.entity';
import { MediaAsset } from '../media/entities/media-asset.entity';
import { PostMedia } from '../posts/entities/post-media.entity';
import { Post } from '../posts/entities/post.entity';
import { User } from '../../core/tenancy/entities/user.entity';

/** Pictures the demo clients' people "uploaded", drawn here so the demo needs no files. */
const DEMO_PICTURES: Array<{ client: string; uploader: string; filename: string; colour: string; label: string }> = [
  {
    client: 'Acme Coffee',
    uploader: 'anna@acme.test',
    filename: 'autumn-menu.jpg',
    colour: '#8d4b24',
    label: 'Autumn menu',
  },
  {
    client: 'Acme Coffee',
    uploader: 'anna@acme.test',
    filename: 'latte-art.jpg',
    colour: '#c58b5a',
    label: 'Latte art',
  },
  {
    client: 'Acme Coffee',
    uploader: 'max@acme.test',
    filename: 'storefront.jpg',
    colour: '#2f5d50',
    label: 'Storefront',
  },
  {
    client: 'Blue Harbor Hotels',
    uploader: 'bella@blueharbor.test',
    filename: 'rooftop.jpg',
    colour: '#1f4e8c',
    label: 'Rooftop',
  },
];

export async function seedDemoMedia(manager: EntityManager, storage: FileStorage, clients: Client[]): Promise<void> {
  for (const picture of DEMO_PICTURES) {
    const client = clients.find((c) => c.name === picture.client);
    const uploader = await manager.getRepository(User).findOneBy({ email: picture.uploader });
    if (!client || !uploader) continue;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect width="100%" height="100%" fill="${picture.colour}"/><text x="600" y="430" font-family="sans-serif" font-size="96" fill="#fff" text-anchor="middle">${picture.label}</text></svg>`;
    const image = await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
    const thumbnail = await sharp(image).resize(480, 480, { fit: 'inside' }).webp({ quality: 80 }).toBuffer();
    const key = `agencies/${client.agencyId}/demo/${randomUUID()}.jpg`;
    await storage.put(key, Readable.from([image]), 'image/jpeg');
    await storage.put(`${key}.thumb.webp`, Readable.from([thumbnail]), 'image/webp');
    await manager.getRepository(MediaAsset).save(
      manager.getRepository(MediaAsset).create({
        agencyId: client.agencyId,
        clientId: client.id,
        purpose: 'library',
        source: 'portal',
        uploadedByUserId: uploader.id,
        filename: picture.filename,
        mimeType: 'image/jpeg',
        kind: 'image',
        size: image.length,
        storageKey: key,
        thumbnailKey: `${key}.thumb.webp`,
        width: 1200,
        height: 800,
        status: 'ready',
      }),
    );
  }
}

/** Demo posts that carry one of the demo pictures, so the calendars and the dashboard show previews. */
const DEMO_ATTACHMENTS: Array<{ postStartsWith: string; filenames: string[] }> = [
  { postStartsWith: 'Our autumn menu lands tomorrow', filenames: ['autumn-menu.jpg'] },
  { postStartsWith: 'Latte art throwdown', filenames: ['latte-art.jpg', 'storefront.jpg'] },
];

export async function attachDemoPictures(manager: EntityManager): Promise<void> {
  for (const attachment of DEMO_ATTACHMENTS) {
    const post = await manager
      .getRepository(Post)
      .createQueryBuilder('p')
      .where('p.text LIKE :start', { start: `${attachment.postStartsWith}%` })
      .getOne();
    if (!post) continue;
    for (const [position, filename] of attachment.filenames.entries()) {
      const asset = await manager.getRepository(MediaAsset).findOneBy({ clientId: post.clientId, filename });
      if (!asset) continue;
      await manager
        .getRepository(PostMedia)
        .save(
          manager
            .getRepository(PostMedia)
            .create({ postId: post.id, agencyId: post.agencyId, mediaAssetId: asset.id, position }),
        );
    }
  }
}
