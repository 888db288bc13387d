import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLIENT_PERMISSIONS,
  type ClientPermission,
  type ClientSummary,
  type MemberRow,
  type MemberStatus,
} from '@atrium/shared';

export class ClientCountsDto {
  @ApiProperty({ description: 'Open invitations that have not expired' }) invited!: number;
  @ApiProperty({ description: 'Accepted and signed in at least once' }) joined!: number;
  @ApiProperty({ description: 'People with active access' }) active!: number;
}

export class ClientSummaryDto implements ClientSummary {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CLIENT_PERMISSIONS, isArray: true }) permissions!: ClientPermission[];
  @ApiProperty({ type: ClientCountsDto }) counts!: ClientCountsDto;
  @ApiProperty() createdAt!: string;
}

export class ClientPageDto {
  @ApiProperty({ type: [ClientSummaryDto] }) items!: ClientSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class MemberRowDto implements MemberRow<string> {
  @ApiProperty({ description: 'User id, or invitation id for invitations' }) id!: string;
  @ApiProperty({ enum: ['user', 'invitation'] }) kind!: 'user' | 'invitation';
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ example: 'member' }) role!: string;
  @ApiProperty({ enum: ['invited', 'active', 'expired', 'deactivated'] }) status!: MemberStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) lastActiveAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) expiresAt!: string | null;
}

export class BulkResultDto {
  @ApiProperty() done!: number;
  @ApiProperty({ type: [String], description: 'Ids that were not found in your agency' }) skipped!: string[];
}
