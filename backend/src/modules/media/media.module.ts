import { Module } from '@nestjs/common';
import { FileAccessService } from './file-access.service';
import { FilesController } from './files.controller';
import { FileUrlSigner } from './file-url-signer';
import { MediaController } from './media.controller';
import { MediaLibraryService } from './media-library.service';
import { MediaProcessingService } from './media-processing.service';
import { MediaUploadsService } from './media-uploads.service';
import { MediaViews } from './media-views';
import { PortalMediaController } from './portal-media.controller';
import { ProfilePicturesService } from './profile-pictures.service';

@Module({
  controllers: [MediaController, PortalMediaController, FilesController],
  providers: [
    FileUrlSigner,
    FileAccessService,
    MediaViews,
    MediaUploadsService,
    MediaLibraryService,
    MediaProcessingService,
    ProfilePicturesService,
  ],
  exports: [FileUrlSigner, MediaViews, MediaUploadsService, MediaLibraryService, ProfilePicturesService],
})
export class MediaModule {}
