import { Module } from '@nestjs/common';
import { SocialModule } from '../social/social.module';
import { FileAccessService } from './file-access.service';
import { FilesController } from './files.controller';
import { FileUrlSigner } from './file-url-signer';
import { MediaController, PortalMediaController } from './media.controller';
import { MediaLibraryService } from './media-library.service';
import { MediaProcessingService } from './media-processing.service';
import { MediaUploadsService } from './media-uploads.service';
import { MediaViews } from './media-views';

@Module({
  imports: [SocialModule],
  controllers: [MediaController, PortalMediaController, FilesController],
  providers: [
    FileUrlSigner,
    FileAccessService,
    MediaViews,
    MediaUploadsService,
    MediaLibraryService,
    MediaProcessingService,
  ],
  exports: [FileUrlSigner, MediaViews, MediaUploadsService, MediaLibraryService],
})
export class MediaModule {}
