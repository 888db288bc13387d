import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager, IsNull, Not } from 'typeorm';
import { VIEW_AS_TTL_SECONDS } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, AccessTokenPayload } from '../../core/auth/jwt.strategy';
import { accessTokenKey } from '../../core/auth/jwt-key';
import type { RequestMeta } from '../../core/auth/request-context';
import { AuditService } from '../../core/audit/audit.service';
import { User } from '../../core/tenancy/entities/user.entity';
import { Session } from '../../core/tenancy/entities/session.entity';
import { TenantData, TenantDataAccess } from '../../core/tenancy/tenant-data';
import { hashToken, newSecretToken } from './token-hash';

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  /** `<session id>.<secret>`; goes only into the httpOnly cookie. */
  refreshToken: string;
  sessionId: string;
}

export type RefreshOutcome =
  | { kind: 'rotated'; session: Session; tokens: IssuedTokens }
  | { kind: 'invalid' }
  | { kind: 'reused'; session: Session };

/**
 * Sessions with a short-lived access token and a rotating refresh token (SPEC §5). Sessions belong
 * to a user, not to a tenant, and are found by id before any tenant is known; methods that write
 * join the caller's transaction (`tx`).
 */
@Injectable()
export class SessionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
  ) {}

  /**
   * A sign-in by any method (password, magic link, accepted invitation): opens the session, stamps
   * the user's last sign-in and writes the audit entry, all in the caller's transaction.
   */
  async openForSignIn(
    tx: TenantDataAccess,
    user: { id: string; agencyId: string },
    meta: RequestMeta,
    method: 'password' | 'magic_link' | 'invitation',
  ): Promise<IssuedTokens> {
    const issued = await this.start(user.id, meta, tx);
    await tx
      .unscoped('sign-in: stamps the signing-in user, whose tenant the session is not bound to')
      .getRepository(User)
      .update({ id: user.id }, { lastLoginAt: new Date() });
    await this.audit.record(
      {
        action: method === 'password' ? 'auth.login' : `auth.login.${method}`,
        agencyId: user.agencyId,
        actorUserId: user.id,
        targetType: 'session',
        targetId: issued.sessionId,
        meta,
      },
      sessionsIn(tx),
    );
    return issued;
  }

  async start(userId: string, meta: RequestMeta, tx: TenantDataAccess = this.tenant): Promise<IssuedTokens> {
    const secret = newSecretToken();
    const repository = sessionsIn(tx).getRepository(Session);
    const session = repository.create({
      userId,
      refreshTokenHash: hashToken(secret),
      expiresAt: this.refreshExpiry(),
      ip: meta.ip,
      userAgent: meta.userAgent,
      // Bound to the host it is made on: accepted nowhere else (ContextLoader, refresh).
      host: meta.portalHost?.hostname ?? null,
    });
    await repository.save(session);
    return this.tokensFor(session, secret);
  }

  /**
   * A "View as client" session: the client user's, bound to the agency user who asked and to one
   * client, read-only (the guard refuses its writes), ending after VIEW_AS_TTL_SECONDS. Its refresh
   * secret is never handed out, so it cannot be renewed; it is made on the installation's own host.
   */
  async startViewAs(
    tx: TenantDataAccess,
    view: { userId: string; viewerUserId: string; clientId: string },
    meta: RequestMeta,
  ): Promise<{ accessToken: string; expiresIn: number; sessionId: string; expiresAt: Date }> {
    const repository = sessionsIn(tx).getRepository(Session);
    const session = repository.create({
      userId: view.userId,
      viewerUserId: view.viewerUserId,
      viewedClientId: view.clientId,
      refreshTokenHash: hashToken(newSecretToken()),
      expiresAt: new Date(Date.now() + VIEW_AS_TTL_SECONDS * 1000),
      ip: meta.ip,
      userAgent: meta.userAgent,
      host: null,
    });
    await repository.save(session);
    return {
      accessToken: this.accessTokenFor(session, VIEW_AS_TTL_SECONDS),
      expiresIn: VIEW_AS_TTL_SECONDS,
      sessionId: session.id,
      expiresAt: session.expiresAt,
    };
  }

  /**
   * Rotates the refresh token. Presenting the secret that was rotated away means it is being
   * replayed — by an attacker or a thief — so the whole session dies.
   */
  async refresh(refreshToken: string | undefined, meta: RequestMeta): Promise<RefreshOutcome> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) return { kind: 'invalid' };
    const repository = sessionsIn(this.tenant).getRepository(Session);
    const session = await repository.findOneBy({ id: parsed.sessionId });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' };
    // Presented on another host than the one it was made on: refused, and the session left as it is.
    if ((session.host ?? null) !== (meta.portalHost?.hostname ?? null)) return { kind: 'invalid' };

    const presentedHash = hashToken(parsed.secret);
    if (presentedHash === session.previousRefreshTokenHash) {
      await this.revoke(session.id, 'refresh_token_reuse');
      return { kind: 'reused', session };
    }
    if (presentedHash !== session.refreshTokenHash) return { kind: 'invalid' };

    const secret = newSecretToken();
    // Conditional on the hash we read: of two concurrent refreshes with one token, one wins and
    // the other is treated as reuse.
    const rotated = await sessionsIn(this.tenant)
      .createQueryBuilder()
      .update(Session)
      .set({
        refreshTokenHash: hashToken(secret),
        previousRefreshTokenHash: presentedHash,
        lastUsedAt: new Date(),
        ip: meta.ip,
        userAgent: meta.userAgent,
      })
      .where({
        id: session.id,
        refreshTokenHash: presentedHash,
        revokedAt: IsNull(),
      })
      .execute();
    if ((rotated.affected ?? 0) !== 1) {
      await this.revoke(session.id, 'refresh_token_reuse');
      return { kind: 'reused', session };
    }
    return {
      kind: 'rotated',
      session,
      tokens: this.tokensFor(session, secret),
    };
  }

  async revoke(sessionId: string, reason: string, tx: TenantDataAccess = this.tenant): Promise<void> {
    await sessionsIn(tx)
      .getRepository(Session)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  async revokeAllForUser(userId: string, reason: string, tx: TenantDataAccess = this.tenant): Promise<void> {
    await sessionsIn(tx)
      .getRepository(Session)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  /** Every session of the user but `keepSessionId` (a password change keeps the session that made it). */
  async revokeOthersForUser(
    userId: string,
    keepSessionId: string,
    reason: string,
    tx: TenantDataAccess = this.tenant,
  ): Promise<void> {
    await sessionsIn(tx)
      .getRepository(Session)
      .update(
        { userId, id: Not(keepSessionId), revokedAt: IsNull() },
        { revokedAt: new Date(), revokedReason: reason },
      );
  }

  /** The session a refresh token names, if the secret matches (used by sign-out). */
  async findByRefreshToken(refreshToken: string | undefined): Promise<Session | null> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) return null;
    const session = await sessionsIn(this.tenant).getRepository(Session).findOneBy({ id: parsed.sessionId });
    return session && session.refreshTokenHash === hashToken(parsed.secret) ? session : null;
  }

  get refreshTtlMs(): number {
    return this.config.refreshTokenTtlDays * 24 * 60 * 60_000;
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.refreshTtlMs);
  }

  private tokensFor(session: Session, secret: string): IssuedTokens {
    return {
      accessToken: this.accessTokenFor(session, this.config.accessTokenTtlSeconds),
      expiresIn: this.config.accessTokenTtlSeconds,
      refreshToken: `${session.id}.${secret}`,
      sessionId: session.id,
    };
  }

  private accessTokenFor(session: Session, ttlSeconds: number): string {
    const payload: AccessTokenPayload = {
      sub: session.userId,
      sid: session.id,
    };
    return this.jwt.sign(payload, {
      privateKey: accessTokenKey(this.config.jwtSecret),
      algorithm: 'HS256',
      expiresIn: ttlSeconds,
      audience: ACCESS_TOKEN_AUDIENCE,
      issuer: ACCESS_TOKEN_ISSUER,
    });
  }
}

function parseRefreshToken(token: string | undefined): { sessionId: string; secret: string } | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.indexOf('.');
  if (dot !== 36) return null;
  return { sessionId: token.slice(0, dot), secret: token.slice(dot + 1) };
}

function sessionsIn(tx: TenantDataAccess): EntityManager {
  return tx.unscoped('sessions: per user, found by id or refresh token before any tenant is known');
}
