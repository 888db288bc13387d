import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../../core/audit/audit.service';
import { isUniqueViolation } from '../../../core/database/errors';
import { TenantData } from '../../../core/tenancy/tenant-data';
import { PasswordService } from '../../auth/password.service';
import { OperatorRecoveryCode } from './entities/operator-recovery-code.entity';
import { OperatorSession } from './entities/operator-session.entity';
import { PlatformOperator } from './entities/platform-operator.entity';

/** The audit trail's description of an operator (the log's actorUserId names users only). */
export function operatorDetails(operator: { id: string; email: string }): Record<string, unknown> {
  return { operatorId: operator.id, operatorEmail: operator.email };
}

export interface OperatorSummary {
  email: string;
  name: string;
  twoFactor: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/**
 * Operators are made and removed here, by the CLI (`cli.js platform-admin ...`), and by nothing
 * reachable over HTTP: whoever runs the CLI already holds the installation.
 */
@Injectable()
export class OperatorAccounts {
  /** Operators belong to no agency. */
  private readonly db: EntityManager;

  constructor(
    tenant: TenantData,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {
    this.db = tenant.unscoped('platform operators: a platform table, no tenant');
  }

  /**
   * Creates an operator without TOTP: the first sign-in enrols it. With no password given, a
   * generated one (144 random bits) is returned to be shown once.
   */
  async add(input: {
    email: string;
    name?: string;
    password?: string;
  }): Promise<{ operator: PlatformOperator; password: string }> {
    const email = normalisedEmail(input.email);
    const password = input.password ?? randomBytes(18).toString('base64url');
    const problem = this.passwords.problemWith(password, email);
    if (problem) throw new BadRequestException(problem);
    const repository = this.db.getRepository(PlatformOperator);
    const operator = repository.create({
      email,
      name: input.name?.trim() || email.split('@')[0],
      passwordHash: await this.passwords.hash(password),
    });
    try {
      await this.db.transaction(async (manager) => {
        await manager.getRepository(PlatformOperator).save(operator);
        await this.audit.record(
          {
            action: 'platform_admin.operator_added',
            targetType: 'platform_operator',
            targetId: operator.id,
            details: { ...operatorDetails(operator), via: 'cli' },
          },
          manager,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(`An operator ${email} exists already`);
      throw error;
    }
    return { operator, password };
  }

  /** Removes the operator; its sessions and recovery codes go with it (so its tokens stop at once). */
  async remove(email: string): Promise<void> {
    const operator = await this.find(email);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(OperatorSession).delete({ operatorId: operator.id });
      await manager.getRepository(OperatorRecoveryCode).delete({ operatorId: operator.id });
      await manager.getRepository(PlatformOperator).delete({ id: operator.id });
      await this.audit.record(
        {
          action: 'platform_admin.operator_removed',
          targetType: 'platform_operator',
          targetId: operator.id,
          details: { ...operatorDetails(operator), via: 'cli' },
        },
        manager,
      );
    });
  }

  async list(): Promise<OperatorSummary[]> {
    const operators = await this.db.getRepository(PlatformOperator).find({ order: { email: 'ASC' } });
    return operators.map((operator) => ({
      email: operator.email,
      name: operator.name,
      twoFactor: operator.totpEnabledAt !== null,
      createdAt: operator.createdAt,
      lastLoginAt: operator.lastLoginAt,
    }));
  }

  /**
   * For an operator who lost their authenticator and recovery codes: the secret, the codes and
   * every session go; the next sign-in enrols again.
   */
  async resetTwoFactor(email: string): Promise<void> {
    const operator = await this.find(email);
    await this.db.transaction(async (manager) => {
      await manager
        .getRepository(PlatformOperator)
        .update({ id: operator.id }, { totpSecretSealed: null, totpEnabledAt: null, totpLastUsedTimeStep: null });
      await manager.getRepository(OperatorRecoveryCode).delete({ operatorId: operator.id });
      await manager.getRepository(OperatorSession).update({ operatorId: operator.id }, { revokedAt: new Date() });
      await this.audit.record(
        {
          action: 'platform_admin.two_factor_reset',
          targetType: 'platform_operator',
          targetId: operator.id,
          details: { ...operatorDetails(operator), via: 'cli' },
        },
        manager,
      );
    });
  }

  private async find(email: string): Promise<PlatformOperator> {
    const operator = await this.db.getRepository(PlatformOperator).findOneBy({ email: normalisedEmail(email) });
    if (!operator) throw new NotFoundException(`No operator ${normalisedEmail(email)}`);
    return operator;
  }
}

function normalisedEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) || trimmed.length > 254) {
    throw new BadRequestException(`Not an email address: ${email}`);
  }
  return trimmed;
}
