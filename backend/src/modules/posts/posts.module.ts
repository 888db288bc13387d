import { Module } from '@nestjs/common';
import { SocialModule } from '../social/social.module';
import { MediaModule } from '../media/media.module';
import { PortalCalendarController, PostsController } from './posts.controller';
import { PostsService } from './posts.service';
import { PublisherService } from './publisher.service';

@Module({
  imports: [SocialModule, MediaModule],
  controllers: [PostsController, PortalCalendarController],
  providers: [PostsService, PublisherService],
  exports: [PublisherService],
})
export class PostsModule {}
