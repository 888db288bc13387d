import {
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  Optional,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { VIEW_AS_READ_ONLY_MESSAGE } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ContextLoader } from '../tenancy/context-loader.service';
import { WorkspaceSuspendedException } from '../tenancy/workspace-suspended.exception';
import { asDatabaseFault } from '../database/database-faults';
import { accessTokenKey } from './jwt-key';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, JwtStrategy, type AccessTokenPayload } from './jwt.strategy';
import { OperatorAuthenticator } from './operator-authenticator';
import type { RequestContext } from './request-context';
import { ROUTE_POLICY, RoutePolicy } from './route-policy';

/** The only methods a read-only ("View as client") session may use. */
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The one global guard. Deny by default: a route without a declared policy is refused; a public
 * route opts out explicitly; everything else needs a live session whose audience, role and client
 * permission (read from the database on this request) match the route.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);
  private readonly jwt: JwtService;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly contexts: ContextLoader,
    private readonly strategy: JwtStrategy,
    // Provided by the platform-admin feature; absent, every operator route stays closed.
    @Optional() private readonly operators?: OperatorAuthenticator,
  ) {
    super();
    // The key given at construction: JwtService's per-call options accept only a string or Buffer.
    this.jwt = new JwtService({ publicKey: accessTokenKey(config.jwtSecret) });
  }

  override async canActivate(execution: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (!policy) {
      const request = execution.switchToHttp().getRequest<FastifyRequest>();
      this.logger.error(`Route ${request.method} ${request.url.split('?')[0]} declares no access policy; refusing it`);
      throw new ForbiddenException('This route is not available');
    }
    const request = execution.switchToHttp().getRequest<FastifyRequest>();
    if (policy.kind === 'public') {
      await this.refuseViewAsWrite(request);
      return true;
    }
    if (policy.kind === 'operator') {
      const operator = await this.operators?.authenticate(request);
      if (operator) {
        request.operator = operator;
        return true;
      }
      // Not an operator: a user's live session is told this area is not theirs (403), anything else 401.
    }

    const context = await this.authenticate(execution, request);
    assertWritable(request.method, context);
    assertAllowed(policy, context);
    return true;
  }

  /** The caller: from a token verified before when it is one, otherwise through passport-jwt. */
  private async authenticate(execution: ExecutionContext, request: FastifyRequest): Promise<RequestContext> {
    let remembered: RequestContext | false | undefined;
    try {
      remembered = await this.strategy.fromVerifiedToken(request);
    } catch (error) {
      return this.handleRequest<RequestContext | false>(error, false) as RequestContext;
    }
    if (remembered === undefined) {
      await super.canActivate(execution);
      return request.user as RequestContext;
    }
    const context = this.handleRequest(null, remembered) as RequestContext;
    (request as { user?: unknown }).user = context;
    return context;
  }

  /**
   * Public routes that change something (sign-out, refresh, accepting an invitation, ...) need no
   * session, yet a "View as client" token sent with one must not change anything either: a sign-out
   * from the view's tab would otherwise end the agency user's own session, whose cookie the browser
   * sends along. The token counts even once expired or ended; its signature must be ours.
   */
  private async refuseViewAsWrite(request: FastifyRequest): Promise<void> {
    if (READ_METHODS.has(request.method)) return;
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return;
    let payload: AccessTokenPayload;
    try {
      payload = this.jwt.verify<AccessTokenPayload>(header.slice('Bearer '.length), {
        algorithms: ['HS256'],
        audience: ACCESS_TOKEN_AUDIENCE,
        issuer: ACCESS_TOKEN_ISSUER,
        ignoreExpiration: true,
      });
    } catch {
      return; // Not one of our tokens: the public route answers as it does for anyone.
    }
    if (typeof payload.sid === 'string' && (await this.contexts.isViewAsSession(payload.sid))) {
      throw new ForbiddenException(VIEW_AS_READ_ONLY_MESSAGE);
    }
  }

  override handleRequest<T>(error: unknown, user: T): T {
    // The database failing to answer says nothing about the credential: 503, and the session stays.
    const databaseFault = asDatabaseFault(error);
    if (databaseFault) throw databaseFault;
    if (error instanceof WorkspaceSuspendedException) throw error;
    if (error || !user) throw new UnauthorizedException('Your session has ended. Please sign in again.');
    return user;
  }
}

/** A read-only context ("View as client") may read, never change: checked before anything else. */
export function assertWritable(method: string, context: RequestContext): void {
  if (context.readOnly && !READ_METHODS.has(method.toUpperCase())) {
    throw new ForbiddenException(VIEW_AS_READ_ONLY_MESSAGE);
  }
}

export function assertAllowed(policy: RoutePolicy, context: RequestContext): void {
  switch (policy.kind) {
    case 'public':
    case 'any-signed-in':
      return;
    case 'agency':
      if (context.audience !== 'agency') throw new ForbiddenException('This area is for agency users');
      if (policy.roles && !policy.roles.includes(context.agencyRole)) {
        throw new ForbiddenException('Your role does not allow this');
      }
      return;
    case 'portal':
      if (context.audience !== 'client') throw new ForbiddenException('This area is for client portal users');
      if (context.unknownRequestedClient) throw new NotFoundException('Client not found');
      if (policy.permission && !context.client.permissions.includes(policy.permission)) {
        throw new ForbiddenException('Your access does not include this');
      }
      return;
    case 'operator':
      // Operators are authenticated apart (their tokens have their own audience); a user's token never passes.
      throw new ForbiddenException('This area is for platform operators');
  }
}
