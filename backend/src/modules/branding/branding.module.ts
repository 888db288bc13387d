import { Module } from '@nestjs/common';
import { DomainsModule } from '../domains/domains.module';
import { MediaModule } from '../media/media.module';
import { BrandImagesService } from './brand-images.service';
import { BrandedIndexService } from './branded-index.service';
import { BrandingController } from './branding.controller';
import { BrandingService } from './branding.service';
import { PortalBrandingController } from './portal-branding.controller';
import { PublicBrandController } from './public-brand.controller';

/** The agency's brand: settings, images, the public brand of the sign-in pages, "View as client". */
@Module({
  imports: [DomainsModule, MediaModule],
  controllers: [BrandingController, PublicBrandController, PortalBrandingController],
  providers: [BrandingService, BrandImagesService, BrandedIndexService],
  // BrandedIndexService: the first paint of branded pages, used by create-app.ts serveFrontend.
  // BrandImagesService: the logo printed on invoice PDFs (billing).
  exports: [BrandingService, BrandedIndexService, BrandImagesService],
})
export class BrandingModule {}
