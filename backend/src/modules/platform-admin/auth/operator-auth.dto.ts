import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, RECOVERY_CODE_COUNT } from '@atrium/shared';
import { CHALLENGE_TTL_SECONDS, OPERATOR_TOKEN_TTL_SECONDS, type ChallengeStep } from './operator-tokens';

const EXAMPLE_CHALLENGE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4iLCJzdGVwIjoiY29kZSJ9.c2lnbmF0dXJl';

export class OperatorLoginDto {
  @ApiProperty({ example: 'ops@example.com', maxLength: EMAIL_MAX_LENGTH })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @ApiProperty({ example: 'the password printed by cli.js platform-admin add' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class OperatorChallengeDto {
  @ApiProperty({ example: EXAMPLE_CHALLENGE, description: 'From `POST /api/v1/admin/auth/login`' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  challengeToken!: string;
}

export class OperatorCodeDto extends OperatorChallengeDto {
  @ApiProperty({ example: '123456', description: "The authenticator app's 6-digit code, or an unused recovery code" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  code!: string;
}

export class OperatorChallengeResponseDto {
  @ApiProperty({ example: EXAMPLE_CHALLENGE })
  challengeToken!: string;

  @ApiProperty({
    enum: ['code', 'enrol'],
    example: 'code',
    description: '`code`: send a TOTP code to /verify; `enrol`: set TOTP up with /enrol/start and /enrol/finish',
  })
  step!: ChallengeStep;

  @ApiProperty({ example: CHALLENGE_TTL_SECONDS, description: 'Seconds the challenge stays valid' })
  expiresIn!: number;
}

export class OperatorEnrolmentDto {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', description: 'Base32 secret, to type in by hand' })
  secret!: string;

  @ApiProperty({
    example: 'otpauth://totp/Atrium%20platform:ops%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Atrium%20platform',
  })
  otpauthUri!: string;

  @ApiProperty({ example: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=' })
  qrCodeDataUrl!: string;
}

export class OperatorTokenDto {
  @ApiProperty({
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4iLCJzaWQiOiIuLi4ifQ.c2lnbmF0dXJl',
    description: 'Send as `Authorization: Bearer <token>` to /api/v1/admin routes',
  })
  accessToken!: string;

  @ApiProperty({
    example: OPERATOR_TOKEN_TTL_SECONDS,
    description: 'Seconds until the token expires; then sign in again',
  })
  expiresIn!: number;
}

export class OperatorEnrolledDto extends OperatorTokenDto {
  @ApiProperty({
    type: [String],
    example: ['k3j9d-x8a2m', 'p0q7r-t5u1v'],
    description: `${RECOVERY_CODE_COUNT} one-time codes for a lost authenticator: shown this once, stored hashed`,
  })
  recoveryCodes!: string[];
}
