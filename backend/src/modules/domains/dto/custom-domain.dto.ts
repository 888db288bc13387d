import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type {
  CustomDomainStatus,
  CustomDomainView,
  DnsRecordInstruction,
  SetCustomDomainRequest,
} from '@atrium/shared';

export class SetCustomDomainDto implements SetCustomDomainRequest {
  @ApiProperty({
    example: 'portal.example.com',
    description: 'International names are accepted and stored as punycode',
    maxLength: 300,
  })
  @IsString()
  @MaxLength(300)
  hostname!: string;
}

export class DnsRecordInstructionDto implements DnsRecordInstruction {
  @ApiProperty({ enum: ['CNAME', 'TXT'] }) type!: 'CNAME' | 'TXT';
  @ApiProperty({ description: 'Fully qualified name to create the record at' }) name!: string;
  @ApiProperty() value!: string;
  @ApiProperty({ description: 'Whether the last check found it' }) found!: boolean;
}

export class CustomDomainViewDto implements CustomDomainView {
  @ApiProperty() hostname!: string;
  @ApiProperty({ enum: ['pending', 'verified', 'active', 'failing'] }) status!: CustomDomainStatus;
  @ApiProperty({ type: [DnsRecordInstructionDto] }) records!: DnsRecordInstructionDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastCheckedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What the last check found wrong, in plain words' })
  problem!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When a failing domain stops being used unless its TXT record comes back',
  })
  stopsServingAt!: string | null;
}
