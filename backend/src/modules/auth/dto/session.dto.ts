import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  AGENCY_ROLES,
  AUDIENCES,
  CLIENT_PERMISSIONS,
  CLIENT_ROLES,
  TWO_FACTOR_CHALLENGE_TTL_SECONDS,
} from '@atrium/shared';
import type {
  AgencyRole,
  Audience,
  ClientPermission,
  ClientRole,
  MeClient,
  MeResponse,
  MeViewAs,
  SessionResponse,
  TwoFactorChallengeResponse,
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

export class TwoFactorChallengeDto implements TwoFactorChallengeResponse {
  @ApiProperty({
    enum: ['code', 'enrol'],
    example: 'code',
    description: '`code`: send a TOTP or recovery code; `enrol`: the agency requires two-factor, set it up first',
  })
  twoFactor!: 'code' | 'enrol';
  @ApiProperty({
    description: 'Proves the first factor was passed; send it to /auth/2fa/verify or /auth/2fa/enrol/*',
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl',
  })
  challengeToken!: string;
  @ApiProperty({ description: 'Seconds until the challenge expires', example: TWO_FACTOR_CHALLENGE_TTL_SECONDS })
  expiresIn!: number;
}

/**
 * The 200 of every sign-in route: the session, or the two-factor challenge it must pass first
 * (no cookie is set then).
 */
export const ApiSignInOkResponse = () =>
  applyDecorators(
    ApiExtraModels(SessionDto, TwoFactorChallengeDto),
    ApiOkResponse({
      description:
        'Signed in (SessionDto, refresh cookie set), or a second factor is needed first (TwoFactorChallengeDto, no cookie)',
      schema: { oneOf: [{ $ref: getSchemaPath(SessionDto) }, { $ref: getSchemaPath(TwoFactorChallengeDto) }] },
    }),
  );
