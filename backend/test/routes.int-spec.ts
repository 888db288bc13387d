import { listRoutes } from '../src/core/auth/route-inventory';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Who can reach what. The snapshot lists every route with its audience and required role or
 * permission, so a change in access shows up in review as a diff of this file's snapshot.
 */
describe('Route access inventory', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('gives every route a declared access policy', () => {
    const undeclared = listRoutes(t.app).filter((route) => route.policy === null);
    expect(undeclared).toEqual([]);
  });

  it('matches the reviewed snapshot of routes and their policies', () => {
    const table = listRoutes(t.app).map((route) => {
      const policy = route.policy!;
      const requirement =
        policy.kind === 'agency'
          ? (policy.roles ?? ['any role']).join('|')
          : policy.kind === 'portal'
            ? (policy.permission ?? 'any permission')
            : '';
      return `${route.method.padEnd(6)} ${route.path.padEnd(40)} ${policy.kind.padEnd(13)} ${requirement}`.trimEnd();
    });
    expect(table).toMatchSnapshot();
  });

  it('refuses a route that forgot to declare a policy', async () => {
    // The guard itself is the safety net: simulate a forgotten decorator by reading the guard's verdict.
    const { AccessGuard } = await import('../src/core/auth/access.guard');
    const { Reflector } = await import('@nestjs/core');
    const { ContextLoader } = await import('../src/core/tenancy/context-loader.service');
    const { JwtStrategy } = await import('../src/core/auth/jwt.strategy');
    const guard = new AccessGuard(t.app.get(Reflector), t.config, t.app.get(ContextLoader), t.app.get(JwtStrategy));
    class Forgotten {
      handler(): void {
        return undefined;
      }
    }
    const execution = {
      getHandler: () => Forgotten.prototype.handler,
      getClass: () => Forgotten,
      switchToHttp: () => ({
        getRequest: () => ({
          method: 'GET',
          url: '/api/v1/forgotten',
          headers: {},
        }),
      }),
    };
    await expect(guard.canActivate(execution as never)).rejects.toMatchObject({
      status: 403,
    });
  });
});
