import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { JOBS } from '../../../core/jobs/job-queue';

export class FailedListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class QueueCountsDto {
  @ApiProperty({ example: JOBS.deliverEmail, enum: Object.values(JOBS) })
  name!: string;

  @ApiProperty({ example: 3 })
  waiting!: number;

  @ApiProperty({ example: 1 })
  active!: number;

  @ApiProperty({ example: 0 })
  delayed!: number;

  @ApiProperty({ example: 2 })
  failed!: number;

  @ApiProperty({ example: 1840 })
  completed!: number;
}

export class QueuesDto {
  @ApiProperty({ type: [QueueCountsDto] })
  queues!: QueueCountsDto[];
}

export class FailedJobDto {
  @ApiProperty({ example: '1841' })
  id!: string;

  @ApiProperty({ example: JOBS.publishPostTarget })
  name!: string;

  @ApiProperty({ example: { targetId: '7d1e2f3a-4b5c-4d6e-8f70-9a1b2c3d4e5f' }, description: 'The job as enqueued' })
  data!: unknown;

  @ApiProperty({ example: 'Provider answered 503 Service Unavailable' })
  error!: string;

  @ApiProperty({ example: 3 })
  attempts!: number;

  @ApiProperty({ example: '2026-05-04T09:30:00.000Z' })
  failedAt!: string;
}

export class FailedJobsDto {
  @ApiProperty({ type: [FailedJobDto] })
  jobs!: FailedJobDto[];
}

export class AffectedDto {
  @ApiProperty({ example: 2, description: 'How many were retried or discarded' })
  count!: number;
}

export class OutboxDto {
  @ApiProperty({ example: 4, description: 'Waiting for (re)delivery' })
  pending!: number;

  @ApiProperty({ example: 1, description: 'Claimed by a worker right now' })
  sending!: number;

  @ApiProperty({ example: 2, description: 'Given up on after the last attempt' })
  failed!: number;

  @ApiProperty({ example: 12890 })
  sent!: number;

  @ApiProperty({ example: 0, description: 'Kept for the development mailbox (no SMTP configured)' })
  captured!: number;

  @ApiProperty({
    example: 42,
    nullable: true,
    type: Number,
    description: 'Seconds since the oldest email still waiting was queued; null when none waits',
  })
  oldestPendingAgeSeconds!: number | null;
}

export class FailedEmailDto {
  @ApiProperty({ example: '5c8e1f2a-3b4d-4e6f-8a9b-0c1d2e3f4a5b' })
  id!: string;

  @ApiProperty({ example: 'ada@example.com' })
  to!: string;

  @ApiProperty({ example: 'Your sign-in link' })
  subject!: string;

  @ApiProperty({ example: '0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f', nullable: true, type: String })
  agencyId!: string | null;

  @ApiProperty({ example: 'Northwind Studio', nullable: true, type: String })
  agencyName!: string | null;

  @ApiProperty({ example: '550 5.1.1 Mailbox unavailable', nullable: true, type: String })
  lastError!: string | null;

  @ApiProperty({ example: 8 })
  attempts!: number;

  @ApiProperty({ example: '2026-05-04T09:30:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ example: '2026-05-04T11:02:00.000Z' })
  lastAttemptAt!: Date;
}

export class FailedEmailsDto {
  @ApiProperty({ type: [FailedEmailDto] })
  emails!: FailedEmailDto[];
}
