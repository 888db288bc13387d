import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  AGENCY_ROLES,
  CLIENT_PERMISSIONS,
  CLIENT_ROLES,
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  type BulkUsersRequest,
  type ChangeRoleRequest,
  type ClientPermission,
  type ClientRole,
  type CreateClientRequest,
  type InviteRequest,
  type UpdateClientRequest,
} from '@atrium/shared';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const lower = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
const TEAM_INVITE_ROLES = AGENCY_ROLES.filter((role) => role !== 'owner');
export type TeamInviteRole = 'admin' | 'member';

export class CreateClientDto implements CreateClientRequest {
  @ApiProperty({ example: 'Acme Coffee', maxLength: NAME_MAX_LENGTH })
  @trim()
  @IsString()
  @Length(1, NAME_MAX_LENGTH, { message: `name must be between 1 and ${NAME_MAX_LENGTH} characters` })
  name!: string;

  @ApiPropertyOptional({
    enum: CLIENT_PERMISSIONS,
    isArray: true,
    description: 'Defaults to calendar.view and media.upload',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CLIENT_PERMISSIONS, { each: true, message: `each permission must be one of ${CLIENT_PERMISSIONS.join(', ')}` })
  permissions?: ClientPermission[];
}

/** Omitted fields stay as they are; `null` is refused (it is not a name or a permission list). */
export class UpdateClientDto implements UpdateClientRequest {
  @ApiPropertyOptional({ example: 'Acme Coffee Roasters', maxLength: NAME_MAX_LENGTH })
  @ValidateIf((_, value) => value !== undefined)
  @trim()
  @IsString()
  @Length(1, NAME_MAX_LENGTH, { message: `name must be between 1 and ${NAME_MAX_LENGTH} characters` })
  name?: string;

  @ApiPropertyOptional({ enum: CLIENT_PERMISSIONS, isArray: true })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayUnique()
  @IsIn(CLIENT_PERMISSIONS, { each: true, message: `each permission must be one of ${CLIENT_PERMISSIONS.join(', ')}` })
  permissions?: ClientPermission[];
}

class InviteBase {
  @ApiProperty({ example: 'Anna Acme', maxLength: NAME_MAX_LENGTH })
  @trim()
  @IsString()
  @Length(1, NAME_MAX_LENGTH, { message: `name must be between 1 and ${NAME_MAX_LENGTH} characters` })
  name!: string;

  @ApiProperty({ example: 'anna@acme.example', maxLength: EMAIL_MAX_LENGTH })
  @lower()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;
}

export class InviteClientUserDto extends InviteBase implements InviteRequest<ClientRole> {
  @ApiProperty({ enum: CLIENT_ROLES })
  @IsIn(CLIENT_ROLES, { message: `role must be one of ${CLIENT_ROLES.join(', ')}` })
  role!: ClientRole;
}

export class InviteTeamMemberDto extends InviteBase implements InviteRequest<TeamInviteRole> {
  @ApiProperty({ enum: TEAM_INVITE_ROLES })
  @IsIn(TEAM_INVITE_ROLES, { message: `role must be one of ${TEAM_INVITE_ROLES.join(', ')}` })
  role!: TeamInviteRole;
}

export class ChangeClientRoleDto implements ChangeRoleRequest<ClientRole> {
  @ApiProperty({ enum: CLIENT_ROLES })
  @IsIn(CLIENT_ROLES, { message: `role must be one of ${CLIENT_ROLES.join(', ')}` })
  role!: ClientRole;
}

export class ChangeTeamRoleDto implements ChangeRoleRequest<TeamInviteRole> {
  @ApiProperty({ enum: TEAM_INVITE_ROLES })
  @IsIn(TEAM_INVITE_ROLES, { message: `role must be one of ${TEAM_INVITE_ROLES.join(', ')}` })
  role!: TeamInviteRole;
}

export class BulkUsersDto implements BulkUsersRequest {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each user id must be a UUID' })
  userIds!: string[];
}

export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
