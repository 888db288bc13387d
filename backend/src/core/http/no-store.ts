import type { NextFunction, Request, Response } from 'express';

/**
 * API answers are personal (a session's data, tokens) unless a route says otherwise: every one is
 * `Cache-Control: no-store` by default, so no browser or shared cache keeps a copy. Routes that may
 * be cached (public brand images, signed file downloads) set their own header, which replaces this.
 */
export function noStoreByDefault(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}
