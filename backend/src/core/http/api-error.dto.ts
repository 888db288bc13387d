import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ApiFieldErrorDto {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: ['email must be an email'], type: [String] })
  messages!: string[];
}

/** The one error shape (SPEC §7), documented once and referenced by every route. */
export class ApiErrorDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({ example: 'Invalid input: email' })
  message!: string;

  @ApiPropertyOptional({
    type: [ApiFieldErrorDto],
    description: 'Present on validation errors: one entry per field',
  })
  details?: ApiFieldErrorDto[];
}

export class MessageDto {
  @ApiProperty({ example: 'Done.' })
  message!: string;
}
