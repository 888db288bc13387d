import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, Length, MaxLength } from 'class-validator';
import {
  EMAIL_MAX_LENGTH,
  EmailRequest,
  LoginRequest,
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  ResetPasswordRequest,
  SignupRequest,
  TokenRequest,
} from '@atrium/shared';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const normalizeEmail = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

const EmailField = () => (target: object, key: string) => {
  ApiProperty({ example: 'alex@example.com', maxLength: EMAIL_MAX_LENGTH })(target, key);
  normalizeEmail()(target, key);
  IsEmail({}, { message: 'email must be a valid email address' })(target, key);
  MaxLength(EMAIL_MAX_LENGTH)(target, key);
};

const NewPasswordField = () => (target: object, key: string) => {
  ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters; common passwords are refused`,
  })(target, key);
  IsString()(target, key);
  Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `${key} must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters`,
  })(target, key);
};

const NameField = (example: string) => (target: object, key: string) => {
  ApiProperty({ example, minLength: 1, maxLength: NAME_MAX_LENGTH })(target, key);
  trim()(target, key);
  IsString()(target, key);
  Length(1, NAME_MAX_LENGTH, {
    message: `${key} must be between 1 and ${NAME_MAX_LENGTH} characters`,
  })(target, key);
};

export class SignupDto implements SignupRequest {
  @NameField('Northwind Creative')
  agencyName!: string;

  @NameField('Alex Morgan')
  name!: string;

  @EmailField()
  email!: string;

  @NewPasswordField()
  password!: string;
}

export class LoginDto implements LoginRequest {
  @EmailField()
  email!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class TokenDto implements TokenRequest {
  @ApiProperty({ description: 'The token from the emailed link' })
  @IsString()
  @Length(20, 200)
  token!: string;
}

export class EmailDto implements EmailRequest {
  @EmailField()
  email!: string;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @ApiProperty({ description: 'The token from the emailed link' })
  @IsString()
  @Length(20, 200)
  token!: string;

  @NewPasswordField()
  password!: string;
}
