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

  @ApiProperty({
    example: '3f6c2a9e-1b7d-4c55-9f0e-2d8a7b1c4e60',
    description: "The request's id, as in its X-Request-Id header and every log line written while handling it",
  })
  requestId!: string;
}

export class MessageDto {
  @ApiProperty({ example: 'Done.' })
  message!: string;
}
