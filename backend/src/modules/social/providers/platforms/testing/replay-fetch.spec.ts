import { replayFetch, type RecordedExchange } from './replay-fetch';

/** The adapter specs are only as strict as this replayer, so it must catch every kind of drift. */

const tokenExchange: RecordedExchange = {
  request: {
    method: 'POST',
    url: 'https://auth.example/token?v=2',
    headers: { Authorization: 'Basic abc' },
    body: { grant_type: 'authorization_code', code_verifier: '<any>' },
  },
  response: { status: 200, headers: { 'x-request-id': 'r1' }, body: { access_token: 't' } },
};

function send(url: string, init: RequestInit) {
  const http = replayFetch([tokenExchange]);
  const result = http.fetch(url, init);
  return { http, result };
}

const matching: RequestInit = {
  method: 'POST',
  headers: { Authorization: 'Basic abc' },
  body: new URLSearchParams({ code_verifier: 'xyz', grant_type: 'authorization_code' }),
};

describe('replayFetch', () => {
  it('answers a matching request with a real Response', async () => {
    const { http, result } = send('https://auth.example/token?v=2', matching);
    const response = await result;
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('r1');
    await expect(response.json()).resolves.toEqual({ access_token: 't' });
    http.assertDone();
  });

  it.each([
    ['another method', 'https://auth.example/token?v=2', { ...matching, method: 'PUT' }],
    ['another query', 'https://auth.example/token?v=3', matching],
    ['an extra query parameter', 'https://auth.example/token?v=2&x=1', matching],
    ['a missing header', 'https://auth.example/token?v=2', { ...matching, headers: {} }],
    [
      'an empty placeholder value',
      'https://auth.example/token?v=2',
      { ...matching, body: new URLSearchParams({ grant_type: 'authorization_code', code_verifier: '' }) },
    ],
    [
      'an extra form field',
      'https://auth.example/token?v=2',
      {
        ...matching,
        body: new URLSearchParams({ grant_type: 'authorization_code', code_verifier: 'x', client_secret: 's' }),
      },
    ],
  ])('fails on %s, and assertDone reports it even if the adapter swallowed the throw', async (_name, url, init) => {
    const { http, result } = send(url, init);
    await expect(result).rejects.toThrow(/replay-fetch/);
    expect(() => http.assertDone()).toThrow(/replay-fetch/);
  });

  it('compares JSON bodies as objects', async () => {
    const http = replayFetch([
      {
        request: { method: 'POST', url: 'https://api.example/p', body: { text: 'hi', media: [] } },
        response: { status: 201, body: null },
      },
    ]);
    const headers = { 'Content-Type': 'application/json' };
    await expect(
      http.fetch('https://api.example/p', {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: 'hi', media: ['x'] }),
      }),
    ).rejects.toThrow(/body\.media/);
  });

  it('fails on a request nobody recorded, and on recordings never requested', async () => {
    const unexpected = replayFetch([]);
    await expect(unexpected.fetch('https://api.example/x')).rejects.toThrow(/unexpected request/);
    expect(() => unexpected.assertDone()).toThrow(/unexpected request GET https:\/\/api.example\/x/);

    expect(() => replayFetch([tokenExchange]).assertDone()).toThrow(/never requested/);
  });

  it('replays a connection failure as the TypeError fetch throws', async () => {
    const http = replayFetch([
      { request: { method: 'GET', url: 'https://api.example/x' }, response: { networkError: true } },
    ]);
    await expect(http.fetch('https://api.example/x')).rejects.toBeInstanceOf(TypeError);
    http.assertDone();
  });
});
