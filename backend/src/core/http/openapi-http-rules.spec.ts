import type { OpenAPIObject } from '@nestjs/swagger';
import { documentHttpRules, operationId } from './openapi-http-rules';

const document = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 'Atrium API', version: '1' },
  paths: {
    '/api/v1/auth/signup': {
      post: {
        tags: ['auth'],
        requestBody: { content: { 'application/json': { schema: {} } } },
        responses: { '201': { description: 'Created' } },
      },
    },
    '/api/v1/clients/{clientId}': {
      get: {
        tags: ['clients'],
        security: [{ 'access-token': [] }],
        responses: { '200': { description: 'The client' } },
      },
    },
  },
});

describe('documentHttpRules', () => {
  const routes = [
    { method: 'POST', path: '/api/v1/auth/signup', policy: { kind: 'public' as const } },
    { method: 'GET', path: '/api/v1/clients/:clientId', policy: { kind: 'agency' as const, roles: null } },
  ];

  it('declares that a public route needs nothing, and leaves the others’ security as declared', () => {
    const { paths } = documentHttpRules(document(), routes);
    expect(paths['/api/v1/auth/signup'].post?.security).toEqual([]);
    expect(paths['/api/v1/clients/{clientId}'].get?.security).toEqual([{ 'access-token': [] }]);
  });

  it('adds the 400 and 415 every route with a body can answer, in the error shape', () => {
    const { paths } = documentHttpRules(document(), routes);
    const responses = paths['/api/v1/auth/signup'].post?.responses ?? {};
    expect(Object.keys(responses)).toEqual(['201', '400', '415']);
    expect(responses['400']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorDto' } } },
    });
    expect(Object.keys(paths['/api/v1/clients/{clientId}'].get?.responses ?? {})).toEqual(['200']);
  });

  it('lists every tag the operations use, in order', () => {
    expect(documentHttpRules(document(), routes).tags).toEqual([{ name: 'auth' }, { name: 'clients' }]);
  });
});

describe('operationId', () => {
  it('is the controller and method, readable', () => {
    expect(operationId('AuthController', 'login')).toBe('authLogin');
    expect(operationId('PortalCalendarController', 'week')).toBe('portalCalendarWeek');
  });
});
