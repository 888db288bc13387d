import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import {
  RECOVERY_CODE_COUNT,
  type AgencySecurityPolicy,
  type RecoveryCodesResponse,
  type TwoFactorConfirmRequest,
  type TwoFactorEnableRequest,
  type TwoFactorEnrolFinishRequest,
  type TwoFactorEnrolledSessionResponse,
  type TwoFactorEnrolStartRequest,
  type TwoFactorSetupResponse,
  type TwoFactorStatusResponse,
  type TwoFactorVerifyRequest,
} from '@atrium/shared';
import { SessionDto } from '../../auth/dto/session.dto';

const CHALLENGE_EXAMPLE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';
const RECOVERY_EXAMPLE = ['k3v9q-x2m7p', 'a8d4r-t6w1z'];

/** A typed code: six digits (spaces allowed) or a recovery code; its checks say which is wrong. */
const CodeProperty = (description: string) =>
  ApiProperty({ description, example: '123 456', minLength: 1, maxLength: 32 });

export class TwoFactorVerifyDto implements TwoFactorVerifyRequest {
  @ApiProperty({ description: 'From the sign-in answer', example: CHALLENGE_EXAMPLE })
  @IsString()
  @Length(1, 2000)
  challengeToken!: string;

  @CodeProperty('Six digits from the authenticator app, or a recovery code `abcde-12345`')
  @IsString()
  @Length(1, 32)
  code!: string;
}

export class TwoFactorEnrolStartDto implements TwoFactorEnrolStartRequest {
  @ApiProperty({ description: 'From the sign-in answer (`twoFactor: enrol`)', example: CHALLENGE_EXAMPLE })
  @IsString()
  @Length(1, 2000)
  challengeToken!: string;
}

export class TwoFactorEnrolFinishDto extends TwoFactorEnrolStartDto implements TwoFactorEnrolFinishRequest {
  @CodeProperty('Six digits from the authenticator app, for the secret from /enrol/start')
  @IsString()
  @Length(1, 32)
  code!: string;
}

export class TwoFactorSetupDto implements TwoFactorSetupResponse {
  @ApiProperty({
    description: 'Base32 secret, to type into an app by hand',
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  })
  secret!: string;
  @ApiProperty({
    example:
      'otpauth://totp/Atrium:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Atrium&digits=6&period=30',
  })
  otpauthUri!: string;
  @ApiProperty({ description: 'The URI as an SVG QR code', example: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0i...' })
  qrCodeDataUrl!: string;
}

export class RecoveryCodesDto implements RecoveryCodesResponse {
  @ApiProperty({
    type: [String],
    description: `${RECOVERY_CODE_COUNT} codes, each usable once; shown only now`,
    example: RECOVERY_EXAMPLE,
  })
  recoveryCodes!: string[];
}

export class TwoFactorEnrolledSessionDto extends SessionDto implements TwoFactorEnrolledSessionResponse {
  @ApiProperty({
    type: [String],
    description: `${RECOVERY_CODE_COUNT} codes, each usable once; shown only now`,
    example: RECOVERY_EXAMPLE,
  })
  recoveryCodes!: string[];
}

export class TwoFactorStatusDto implements TwoFactorStatusResponse {
  @ApiProperty({ example: true }) enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '2026-01-15T09:30:00.000Z' }) enabledAt!: string | null;
  @ApiProperty({ description: 'Unused recovery codes left', example: 10 }) recoveryCodesLeft!: number;
  @ApiProperty({ description: 'The agency requires two-factor for you: it cannot be turned off', example: false })
  required!: boolean;
  @ApiProperty({ description: 'Whether turning it off asks for your password', example: true })
  hasPassword!: boolean;
}

export class TwoFactorEnableDto implements TwoFactorEnableRequest {
  @CodeProperty('Six digits from the app set up with the secret from /setup')
  @IsString()
  @Length(1, 32)
  code!: string;
}

export class TwoFactorConfirmDto implements TwoFactorConfirmRequest {
  @ApiPropertyOptional({
    description: 'Your current password (required when the account has one)',
    example: 'correct horse battery staple',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  password?: string;

  @CodeProperty('Six digits from the authenticator app, or a recovery code `abcde-12345`')
  @IsString()
  @Length(1, 32)
  code!: string;
}

export class AgencySecurityPolicyDto implements AgencySecurityPolicy {
  @ApiProperty({ description: 'Every agency user (owner, admins, members) must use two-factor', example: true })
  @IsBoolean()
  requireTwoFactorForTeam!: boolean;

  @ApiProperty({ description: 'Every client user of every client must use two-factor', example: false })
  @IsBoolean()
  requireTwoFactorForClients!: boolean;
}
