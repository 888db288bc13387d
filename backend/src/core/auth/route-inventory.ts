import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { ROUTE_POLICY, RoutePolicy } from './route-policy';

export interface RouteEntry {
  method: string;
  path: string;
  /** Who may call the route, or null when the route declares nothing (it is then refused). */
  policy: RoutePolicy | null;
}

/**
 * Every HTTP route of the application with its declared access policy, read from the same
 * metadata the global guard reads. The route snapshot test and the authorization matrix use it.
 */
export function listRoutes(app: INestApplication, globalPrefix = 'api'): RouteEntry[] {
  const reflector = app.get(Reflector);
  const routes: RouteEntry[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = normalize(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined);
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const path = normalize(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined);
        const policy =
          reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [handler, controller]) ?? null;
        routes.push({
          method: RequestMethod[method],
          path: `/${[globalPrefix, base, path].filter(Boolean).join('/')}`,
          policy,
        });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function normalize(path: string | string[] | undefined): string {
  const value = Array.isArray(path) ? path[0] : path;
  return (value ?? '').replace(/^\/+|\/+$/g, '');
}
