import { Module } from '@nestjs/common';
import { SocialModule } from '../social/social.module';
import { MediaModule } from '../media/media.module';
import { AttachedMedia } from './attached-media';
import { PortalCalendarController } from './portal-calendar.controller';
import { PortalCalendarService } from './portal-calendar.service';
import { PortalReviewsController } from './portal-reviews.controller';
import { PostApprovalService } from './post-approval.service';
import { PostsController } from './posts.controller';
import { PostsService } from './posts.service';
import { PublisherService } from './publisher.service';

@Module({
  imports: [SocialModule, MediaModule],
  controllers: [PostsController, PortalCalendarController, PortalReviewsController],
  providers: [PostsService, PublisherService, PortalCalendarService, PostApprovalService, AttachedMedia],
  exports: [PostsService, PublisherService, PostApprovalService],
})
export class PostsModule {}
