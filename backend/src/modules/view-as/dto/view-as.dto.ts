import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { VIEW_AS_TTL_SECONDS, type ViewAsRequest, type ViewAsResponse } from '@atrium/shared';

export class ViewAsDto implements ViewAsRequest {
  @ApiProperty({ format: 'uuid', description: 'An active user of the client, to view the portal as' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId!: string;
}

export class ViewAsResponseDto implements ViewAsResponse {
  @ApiProperty({
    description: 'Bearer token for the portal API: read-only (every write answers 403), not renewable',
  })
  accessToken!: string;

  @ApiProperty({ description: 'Seconds until the view ends', example: VIEW_AS_TTL_SECONDS })
  expiresIn!: number;

  @ApiProperty({
    description: 'Where the view opens; put the token in its fragment (`#token=`), never in a query string',
    example: 'https://atrium.example.com/portal/view-as',
  })
  portalUrl!: string;
}
