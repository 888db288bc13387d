import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class DeleteAgencyDto {
  @ApiProperty({
    example: 'northwind-studio',
    description: "The agency's slug, typed by the operator to confirm that this agency is the one to delete",
  })
  @IsString()
  @MaxLength(63)
  confirm!: string;
}

export class AgencyDeletionDto {
  @ApiProperty({ example: '0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f' })
  agencyId!: string;

  @ApiProperty({
    example: { posts: 120, media_assets: 48, users: 6, agencies: 1 },
    description: 'Rows deleted per table',
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  rows!: Record<string, number>;

  @ApiProperty({ example: 52, description: 'Files deleted from storage' })
  files!: number;
}
