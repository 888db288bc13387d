import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IsNull, MoreThan, Not, type EntityManager } from 'typeorm';
import { requestMeta } from '../../../core/auth/context.decorator';
import { OperatorAuthenticator } from '../../../core/auth/operator-authenticator';
import type { OperatorContext } from '../../../core/auth/request-context';
import { TenantData } from '../../../core/tenancy/tenant-data';
import { OperatorSession } from '../operators/entities/operator-session.entity';
import { OperatorTokens } from './operator-tokens';

/**
 * The guard's operator branch: a token of the operator audience names a session, which must be
 * live (not revoked, not expired) and belong to an operator who still exists with TOTP on. Read on
 * every request, so `remove`, `reset-two-factor` and sign-out apply at once.
 */
@Injectable()
export class OperatorSessionAuthenticator extends OperatorAuthenticator {
  private readonly db: EntityManager;

  constructor(
    tenant: TenantData,
    private readonly tokens: OperatorTokens,
  ) {
    super();
    this.db = tenant.unscoped('operator sessions: a platform table, no tenant');
  }

  async authenticate(request: FastifyRequest): Promise<OperatorContext | null> {
    const header = request.headers.authorization;
    const claims = header?.startsWith('Bearer ') ? this.tokens.readAccess(header.slice('Bearer '.length)) : null;
    if (!claims) return null;
    const session = await this.db.getRepository(OperatorSession).findOne({
      where: {
        id: claims.sessionId,
        operatorId: claims.operatorId,
        revokedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
        operator: { totpEnabledAt: Not(IsNull()) },
      },
      relations: { operator: true },
    });
    if (!session?.operator) return null;
    const meta = requestMeta(request);
    return {
      audience: 'operator',
      operatorId: session.operator.id,
      sessionId: session.id,
      email: session.operator.email,
      name: session.operator.name,
      ip: meta.ip,
      userAgent: meta.userAgent,
    };
  }
}
