import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  SOCIAL_PROVIDERS,
  type AccountHealth,
  type AssignAccountRequest,
  type CompleteConnectRequest,
  type CompleteConnectResponse,
  type CompleteHandbackRequest,
  type ConnectedVia,
  type ConnectLinkCompleteRequest,
  type ConnectLinkCompleteResponse,
  type ConnectLinkPreview,
  type ConnectLinkStartRequest,
  type ConnectLinkStartResponse,
  type ConnectLinkStatus,
  type ConnectLinkTokenRequest,
  type ConnectLinkView,
  type CreateConnectLinkRequest,
  type PortalStartConnectRequest,
  type SocialAccountList,
  type SocialAccountView,
  type SocialProviderId,
  type SocialProviderInfo,
  type StartConnectRequest,
  type StartConnectResponse,
  type MediaLimitsView,
  type OAuthHandbackRequest,
  type OAuthHandbackResponse,
} from '@atrium/shared';

export class MediaLimitsDto implements MediaLimitsView {
  @ApiProperty({ example: 1 }) maxFiles!: number;
  @ApiProperty({ example: ['image/jpeg'] }) mimeTypes!: string[];
  @ApiProperty({ example: 'JPEG images' }) typesLabel!: string;
}

export class SocialProviderDto implements SocialProviderInfo {
  @ApiProperty({ enum: SOCIAL_PROVIDERS }) id!: SocialProviderId;
  @ApiProperty({ example: 'LinkedIn' }) name!: string;
  @ApiProperty({ example: 3000 }) maxTextLength!: number;
  @ApiProperty() requiresMedia!: boolean;
  @ApiProperty() acceptsMedia!: boolean;
  @ApiProperty({
    type: () => MediaLimitsDto,
    nullable: true,
    description: 'Stricter rules for the files of one post; null when any library files go.',
  })
  mediaLimits!: MediaLimitsDto | null;
}

export class SocialAccountDto implements SocialAccountView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: SOCIAL_PROVIDERS }) provider!: SocialProviderId;
  @ApiProperty() providerName!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) handle!: string | null;
  @ApiProperty({ nullable: true, type: String }) avatarUrl!: string | null;
  @ApiProperty({ nullable: true, type: String }) profileUrl!: string | null;
  @ApiProperty({ nullable: true, type: String }) clientId!: string | null;
  @ApiProperty({ nullable: true, type: String }) clientName!: string | null;
  @ApiProperty({ enum: ['connected', 'expiring', 'needs_reconnect'] }) health!: AccountHealth;
  @ApiProperty({ nullable: true, type: String, description: 'When an unrenewable token ends' })
  expiresAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) problem!: string | null;
  @ApiProperty({ enum: ['agency', 'portal', 'connect_link'] }) connectedVia!: ConnectedVia;
  @ApiProperty() connectedAt!: string;
}

export class SocialAccountListDto implements SocialAccountList {
  @ApiProperty({ type: [SocialAccountDto] }) items!: SocialAccountDto[];
}

export class AccountListQueryDto {
  @ApiPropertyOptional({ description: "Only this client's accounts" })
  @IsOptional()
  @IsUUID()
  clientId?: string;
}

export class StartConnectDto implements StartConnectRequest {
  @ApiProperty({ enum: SOCIAL_PROVIDERS })
  @IsString()
  @MaxLength(24)
  provider!: SocialProviderId;

  @ApiPropertyOptional({ nullable: true, description: 'Assign the connected account(s) to this client' })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;
}

export class PortalStartConnectDto implements PortalStartConnectRequest {
  @ApiProperty({ enum: SOCIAL_PROVIDERS })
  @IsString()
  @MaxLength(24)
  provider!: SocialProviderId;
}

export class StartConnectResponseDto implements StartConnectResponse {
  @ApiProperty({ description: "The platform's consent page; it redirects back to /oauth/callback" })
  authorizationUrl!: string;
}

export class CompleteConnectDto implements CompleteConnectRequest {
  @ApiProperty() @IsString() @Length(1, 200) state!: string;
  @ApiProperty() @IsString() @Length(1, 2000) code!: string;
}

export class OAuthHandbackDto implements OAuthHandbackRequest {
  @ApiProperty() @IsString() @Length(1, 200) state!: string;
  @ApiPropertyOptional({ description: "The provider's authorization code" })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  code?: string;
  @ApiPropertyOptional({ description: "The provider's error code, when it sent one instead of a code" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  error?: string;
}

export class OAuthHandbackResponseDto implements OAuthHandbackResponse {
  @ApiProperty({ example: 'https://portal.example.com/oauth/callback?code=…' }) url!: string;
}

export class CompleteHandbackDto implements CompleteHandbackRequest {
  @ApiProperty({ description: 'The one-time code of the hand-back URL' }) @IsString() @Length(1, 200) code!: string;
}

export class CompleteConnectResponseDto implements CompleteConnectResponse {
  @ApiProperty({ type: [SocialAccountDto] }) accounts!: SocialAccountDto[];
  @ApiProperty({ enum: ['agency', 'portal', 'connect_link'] }) returnTo!: 'agency' | 'portal' | 'connect_link';
}

export class AssignAccountDto implements AssignAccountRequest {
  @ApiProperty({ nullable: true, type: String, description: 'A client id, or null to unassign' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  clientId!: string | null;
}

export class ConnectLinkDto implements ConnectLinkView {
  @ApiProperty() id!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The link to send to the client' }) url!: string | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status!: ConnectLinkStatus;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) createdByName!: string | null;
  @ApiProperty() accountsConnected!: number;
}

export class CreateConnectLinkDto implements CreateConnectLinkRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: 30, default: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  validForDays?: number;
}

export class ConnectLinkTokenDto implements ConnectLinkTokenRequest {
  @ApiProperty() @IsString() @Length(1, 200) token!: string;
}

export class ConnectLinkStartDto implements ConnectLinkStartRequest {
  @ApiProperty() @IsString() @Length(1, 200) token!: string;
  @ApiProperty({ enum: SOCIAL_PROVIDERS }) @IsString() @MaxLength(24) provider!: SocialProviderId;
}

export class ConnectLinkStartResponseDto extends StartConnectResponseDto implements ConnectLinkStartResponse {
  @ApiProperty({ description: 'Keep in the browser (sessionStorage) and send back with the code' })
  binding!: string;
}

export class ConnectLinkCompleteDto extends CompleteConnectDto implements ConnectLinkCompleteRequest {
  @ApiProperty() @IsString() @Length(1, 200) token!: string;
  @ApiProperty() @IsString() @Length(1, 200) binding!: string;
}

export class PreviewAccountDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: SOCIAL_PROVIDERS }) provider!: SocialProviderId;
  @ApiProperty() providerName!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) handle!: string | null;
}

export class ConnectLinkPreviewDto implements ConnectLinkPreview {
  @ApiProperty() agencyName!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({ type: [SocialProviderDto] }) providers!: SocialProviderDto[];
  @ApiProperty({ type: [PreviewAccountDto] }) accounts!: PreviewAccountDto[];
}

export class ConnectLinkCompleteResponseDto implements ConnectLinkCompleteResponse {
  @ApiProperty({ type: [PreviewAccountDto] }) accounts!: PreviewAccountDto[];
}
