import {
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import type { RequestContext } from './request-context';
import { ROUTE_POLICY, RoutePolicy } from './route-policy';

/**
 * The one global guard. Deny by default: a route without a declared policy is refused; a public
 * route opts out explicitly; everything else needs a live session whose audience, role and client
 * permission (read from the database on this request) match the route.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(execution: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (!policy) {
      const request = execution.switchToHttp().getRequest<Request>();
      this.logger.error(`Route ${request.method} ${request.path} declares no access policy; refusing it`);
      throw new ForbiddenException('This route is not available');
    }
    if (policy.kind === 'public') return true;

    await super.canActivate(execution);
    const context = execution.switchToHttp().getRequest<Request>().user as RequestContext;
    assertAllowed(policy, context);
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error || !user) throw new UnauthorizedException('Your session has ended. Please sign in again.');
    return user;
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
  }
}
