import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { BrandingModule } from '../../branding/branding.module';
import { MessageEmailSettingsController } from './message-email-settings.controller';
import { MessageEmailSettingsService } from './message-email-settings.service';
import { MessageEmailSweep } from './message-email-sweep.service';
import { MessageMailer } from './message-mailer';
import { UnreadEmails } from './unread-emails.service';

/** Emails about unread messages (after a delay, or a daily digest) and each person's choice of them. */
@Module({
  imports: [AuthModule, BrandingModule],
  controllers: [MessageEmailSettingsController],
  providers: [UnreadEmails, MessageMailer, MessageEmailSweep, MessageEmailSettingsService],
  exports: [UnreadEmails],
})
export class MessageNotificationsModule {}
