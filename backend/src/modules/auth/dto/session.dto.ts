import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENCY_ROLES, AUDIENCES, CLIENT_PERMISSIONS, CLIENT_ROLES } from '@atrium/shared';
import type {
  AgencyRole,
  Audience,
  ClientPermission,
  ClientRole,
  MeClient,
  MeResponse,
  MeViewAs,
  SessionResponse,
} from '@atrium/shared';

export class MeAgencyDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class MeClientDto implements MeClient {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CLIENT_ROLES }) role!: ClientRole;
  @ApiProperty({ enum: CLIENT_PERMISSIONS, isArray: true })
  permissions!: ClientPermission[];
}

export class MeViewAsDto implements MeViewAs {
  @ApiProperty({ description: 'The agency user looking at the portal as this client user' })
  viewerName!: string;
}

export class MeDto implements MeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty() emailConfirmed!: boolean;
  @ApiProperty({ example: 'Europe/Paris' }) timezone!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Signed, short-lived URL of the profile picture' })
  avatarUrl!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'An email change waiting for confirmation' })
  pendingEmail!: string | null;
  @ApiProperty({ enum: AUDIENCES }) audience!: Audience;
  @ApiProperty({ type: MeAgencyDto }) agency!: MeAgencyDto;
  @ApiPropertyOptional({ enum: AGENCY_ROLES, nullable: true })
  agencyRole!: AgencyRole | null;
  @ApiProperty({ type: [MeClientDto] }) clients!: MeClientDto[];
  @ApiPropertyOptional({
    type: MeViewAsDto,
    description: 'Present only during "View as client": the portal is then read-only',
  })
  viewAs?: MeViewAsDto;
}

export class SessionDto implements SessionResponse {
  @ApiProperty({ description: 'Bearer token for the Authorization header' })
  accessToken!: string;
  @ApiProperty({
    description: 'Seconds until the access token expires',
    example: 600,
  })
  expiresIn!: number;
  @ApiProperty({ type: MeDto }) me!: MeDto;
}
