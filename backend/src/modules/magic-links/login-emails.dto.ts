import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { MAX_LOGIN_EMAILS_PER_REQUEST, type BulkUsersRequest } from '@atrium/shared';

/**
 * The people to send a login email to. Larger than other bulk actions' selections (200): the send
 * is set-based, so a thousand people take well under a second (bench:login-emails).
 */
export class LoginEmailsDto implements BulkUsersRequest {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_LOGIN_EMAILS_PER_REQUEST })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LOGIN_EMAILS_PER_REQUEST, {
    message: `Send login emails to at most ${MAX_LOGIN_EMAILS_PER_REQUEST.toLocaleString('en')} people at a time.`,
  })
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each user id must be a UUID' })
  userIds!: string[];
}
