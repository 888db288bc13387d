import type { FastifyReply, FastifyRequest } from 'fastify';
import { JsonLogger } from './json-logger';
import { currentRequestId, requestIdFor, requestScope } from './request-id';

/** The lines the logger wrote while `act` ran, parsed. */
function linesWrittenBy(act: () => void): Array<Record<string, unknown>> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('JsonLogger', () => {
  it('puts the id of the request being handled in every line written while handling it', () => {
    const reply = { header: jest.fn() };
    const logger = new JsonLogger('info');
    const lines = linesWrittenBy(() => {
      logger.log('outside any request');
      requestScope({ id: 'req-1' } as FastifyRequest, reply as unknown as FastifyReply, () => {
        logger.warn({ msg: 'inside' }, 'Somewhere');
        logger.error(new Error('failed'));
      });
    });
    expect(reply.header).toHaveBeenCalledWith('X-Request-Id', 'req-1');
    expect(lines.map((line) => [line['msg'], line['requestId']])).toEqual([
      ['outside any request', undefined],
      ['inside', 'req-1'],
      ['failed', 'req-1'],
    ]);
    expect(currentRequestId()).toBeUndefined();
  });

  it('redacts secrets from what it writes without touching the logged object', () => {
    const logged = { msg: 'refresh', refreshToken: 'r-123', user: { password: 'p' } };
    const [line] = linesWrittenBy(() => new JsonLogger('info').log(logged, 'Auth'));
    expect(line).toMatchObject({ msg: 'refresh', refreshToken: '[REDACTED]', user: { password: '[REDACTED]' } });
    expect(logged.refreshToken).toBe('r-123');
  });
});

describe('requestIdFor', () => {
  const withHeader = (value: string | string[] | undefined) =>
    requestIdFor({ headers: { 'x-request-id': value } } as never);

  it('passes on a safe X-Request-Id and makes a UUID for anything else', () => {
    expect(withHeader('lb-7f3a.2:retry_1')).toBe('lb-7f3a.2:retry_1');
    expect(withHeader('x'.repeat(128))).toBe('x'.repeat(128));
    for (const unsafe of [undefined, '', 'x'.repeat(129), 'a b', 'a\nb', '<script>', ['a', 'b']]) {
      expect(withHeader(unsafe)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});
