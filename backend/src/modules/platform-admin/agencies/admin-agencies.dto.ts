import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PLAN_NAMES, type PlanName } from '@atrium/shared';
import type { AgencyStatus } from '../../../core/tenancy/entities/agency.entity';

export const AGENCY_STATUSES: AgencyStatus[] = ['active', 'suspended'];
export const DEFAULT_PAGE_SIZE = 25;

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class AdminAgencyQueryDto {
  @ApiPropertyOptional({ example: 'acme', description: "Part of the name, the slug or the owner's email" })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: AGENCY_STATUSES, example: 'suspended' })
  @IsOptional()
  @IsIn(AGENCY_STATUSES, { message: `status must be one of ${AGENCY_STATUSES.join(', ')}` })
  status?: AgencyStatus;

  @ApiPropertyOptional({ enum: PLAN_NAMES, example: 'starter' })
  @IsOptional()
  @IsIn(PLAN_NAMES, { message: `plan must be one of ${PLAN_NAMES.join(', ')}` })
  plan?: PlanName;

  @ApiPropertyOptional({ minimum: 1, default: 1, example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: DEFAULT_PAGE_SIZE, example: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class AgencyPlanDto {
  @ApiProperty({ enum: PLAN_NAMES, example: 'starter' })
  @IsIn(PLAN_NAMES, { message: `plan must be one of ${PLAN_NAMES.join(', ')}` })
  plan!: PlanName;
}

export class SuspendAgencyDto {
  @ApiProperty({ example: 'Sending spam from its client portal (ticket 4211)', maxLength: 500 })
  @trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(500)
  reason!: string;
}

export class AgencyOwnerDto {
  @ApiProperty({ example: 'Alex Doe' })
  name!: string;

  @ApiProperty({ example: 'alex@example.com' })
  email!: string;
}

export class AgencyCountsDto {
  @ApiProperty({ example: 12, description: 'Clients not deleted' })
  clients!: number;

  @ApiProperty({ example: 40, description: 'Agency and client users' })
  users!: number;

  @ApiProperty({ example: 318 })
  posts!: number;

  @ApiProperty({ example: 734003200, description: 'Bytes of stored media files' })
  storageBytes!: number;

  @ApiProperty({ example: 95, description: 'Emails sent in the last 30 days' })
  emailsSent30d!: number;
}

export class AdminAgencyDto {
  @ApiProperty({ format: 'uuid', example: '0b6f6d0e-4c55-4c1e-9a57-3c7f8a0f2d11' })
  id!: string;

  @ApiProperty({ example: 'Acme Social' })
  name!: string;

  @ApiProperty({ example: 'acme-social' })
  slug!: string;

  @ApiProperty({ enum: PLAN_NAMES, example: 'full' })
  plan!: string;

  @ApiProperty({ enum: AGENCY_STATUSES, example: 'active' })
  status!: AgencyStatus;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  suspendedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  suspendedReason!: string | null;

  @ApiProperty({ type: AgencyOwnerDto, nullable: true, description: 'Null only if the owner was removed' })
  owner!: AgencyOwnerDto | null;

  @ApiProperty({ type: AgencyCountsDto })
  counts!: AgencyCountsDto;
}

export class AdminAgencyPageDto {
  @ApiProperty({ type: [AdminAgencyDto] })
  items!: AdminAgencyDto[];

  @ApiProperty({ example: 57, description: 'Agencies matching the filters' })
  total!: number;

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: DEFAULT_PAGE_SIZE })
  pageSize!: number;
}
