import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class AuditSearchQueryDto {
  @ApiPropertyOptional({
    example: 'ops@example.com',
    description: "A user's id (the entry's actor), or an operator's id or email",
  })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(254)
  actor?: string;

  @ApiPropertyOptional({ example: 'auth.', description: 'An exact action, or a prefix when it ends with a dot' })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ example: 'agency' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  targetType?: string;

  @ApiPropertyOptional({ example: '0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  targetId?: string;

  @ApiPropertyOptional({ example: '0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f' })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be a UUID' })
  agencyId?: string;

  @ApiPropertyOptional({ example: '2026-05-01T00:00:00.000Z', description: 'From this time (inclusive), ISO 8601' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  from?: Date;

  @ApiPropertyOptional({ example: '2026-06-01T00:00:00.000Z', description: 'Before this time (exclusive), ISO 8601' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  to?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({
    example: 'MjAyNi0wNS0wNFQwOTozMDowMC4wMDBafDU',
    description: 'The nextCursor of the previous page',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class AuditEntryDto {
  @ApiProperty({ example: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' })
  id!: string;

  @ApiProperty({ example: '2026-05-04T09:30:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ example: 'platform_admin.agency_suspended' })
  action!: string;

  @ApiProperty({ example: '0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f', nullable: true, type: String })
  agencyId!: string | null;

  @ApiProperty({
    example: 'Northwind Studio',
    nullable: true,
    type: String,
    description: 'Null once the agency is deleted',
  })
  agencyName!: string | null;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'The acting user; null for operators and the system',
  })
  actorUserId!: string | null;

  @ApiProperty({ example: 'agency', nullable: true, type: String })
  targetType!: string | null;

  @ApiProperty({ example: '0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f', nullable: true, type: String })
  targetId!: string | null;

  @ApiProperty({ example: '203.0.113.7', nullable: true, type: String })
  ip!: string | null;

  @ApiProperty({
    example: { operatorId: '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d', operatorEmail: 'ops@example.com', reason: 'spam' },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  details!: Record<string, unknown> | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] })
  items!: AuditEntryDto[];

  @ApiProperty({ example: 'MjAyNi0wNS0wNFQwOTozMDowMC4wMDBafDU', nullable: true, type: String })
  nextCursor!: string | null;
}
