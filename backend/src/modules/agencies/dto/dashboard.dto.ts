import { ApiProperty } from '@nestjs/swagger';
import type { AgencyDashboardResponse, DashboardAttention, InviteAvailability, PlanEntitlements } from '@atrium/shared';

export class InviteAvailabilityDto implements InviteAvailability {
  @ApiProperty() allowed!: boolean;
  @ApiProperty({ type: [String], description: 'Why inviting is not possible, worded for people' }) reasons!: string[];
}

class EntitlementsDto implements PlanEntitlements {
  @ApiProperty() clientManagement!: boolean;
  @ApiProperty() multiUser!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'null = unlimited' }) maxClients!: number | null;
  @ApiProperty() customDomain!: boolean;
  @ApiProperty() contracts!: boolean;
  @ApiProperty({ description: 'May hide the "powered by Atrium" mark' }) hidePoweredBy!: boolean;
}

class DashboardAgencyDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() plan!: string;
  @ApiProperty({ type: EntitlementsDto }) entitlements!: EntitlementsDto;
}

class DashboardTotalsDto {
  @ApiProperty() clients!: number;
  @ApiProperty({ description: 'Open, unexpired invitations' }) invited!: number;
  @ApiProperty({ description: 'People who accepted and signed in at least once' }) joined!: number;
}

class DashboardClientDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() invited!: number;
  @ApiProperty() joined!: number;
}

class DashboardAttentionDto implements DashboardAttention {
  @ApiProperty() accountsNeedingReconnect!: number;
  @ApiProperty({ description: 'Connections ending within 7 days that cannot renew themselves' })
  accountsExpiringSoon!: number;
  @ApiProperty({ description: 'Posts that failed in the last 14 days' }) failedPosts!: number;
}

export class AgencyDashboardDto implements AgencyDashboardResponse {
  @ApiProperty({ type: DashboardAgencyDto }) agency!: DashboardAgencyDto;
  @ApiProperty() portalUrl!: string;
  @ApiProperty({ type: InviteAvailabilityDto }) invite!: InviteAvailabilityDto;
  @ApiProperty({ type: DashboardTotalsDto }) totals!: DashboardTotalsDto;
  @ApiProperty({ type: [DashboardClientDto] }) clients!: DashboardClientDto[];
  @ApiProperty({ type: DashboardAttentionDto }) attention!: DashboardAttentionDto;
}
