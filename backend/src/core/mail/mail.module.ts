import { Global, Module } from '@nestjs/common';
import { DevMailboxController } from './dev-mailbox.controller';
import { EmailLayoutsCompiler } from './email-layouts.compiler';
import { MailDeliveryService } from './mail-delivery.service';
import { MailService } from './mail.service';
import { OutboxSweeperService } from './outbox-sweeper.service';

@Global()
@Module({
  controllers: [DevMailboxController],
  providers: [EmailLayoutsCompiler, MailService, MailDeliveryService, OutboxSweeperService],
  exports: [MailService, MailDeliveryService, OutboxSweeperService],
})
export class MailModule {}
