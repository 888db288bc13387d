/**
 * The raw limit for bench:api: a minimal node:http + mysql2 server answering the two portal reads
 * that bench:api measures with the same JSON as Atrium, for the same rows:
 *
 *   GET /api/v1/me
 *   GET /api/v1/portal/calendar?from=...&to=...
 *
 * It does the work any honest server must do: checks the bearer token (HS256, audience, issuer,
 * expiry), checks the session is live and the user, agency and client membership are active, then
 * reads the week (the same query as portalCalendarWeek, plus the media lookup) and the user's time
 * zone. What it leaves out is the framework: no DI, no guards chain, no ORM hydration. Only the
 * shapes bench:api seeds are covered (client users, no avatar, no media, no "View as client").
 *
 * Settings: the server's DATABASE_HOST/PORT/USER/PASSWORD/NAME and JWT_SECRET; RAW_PORT (0 = any).
 * It prints `listening <port>` once it accepts requests.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createPool, type RowDataPacket } from 'mysql2/promise';
import { effectiveClientPermissions, PORTAL_CALENDAR_LIMIT, type ClientPermission } from '@atrium/shared';
import { benchServer } from './bench-database';

const secret = process.env['JWT_SECRET'] ?? '';
if (secret.length < 32) throw new Error('JWT_SECRET must be set (the same as the server it is compared with)');
const pool = createPool({
  ...benchServer(),
  database: process.env['DATABASE_NAME'] ?? 'atrium',
  charset: 'utf8mb4_unicode_ci',
  timezone: 'Z',
  connectionLimit: 10, // as the backend's pool
});

interface Caller {
  userId: string;
  agencyId: string;
  name: string;
  email: string;
  emailConfirmed: boolean;
  timezone: string;
  pendingEmail: string | null;
  agencyName: string;
  memberships: Array<{ id: string; name: string; role: 'admin' | 'member'; permissions: ClientPermission[] }>;
}

/** The token's subject and session when its signature, audience, issuer and expiry hold. */
function verifyToken(header: string | undefined): { sub: string; sid: string } | null {
  if (!header?.startsWith('Bearer ')) return null;
  const [head, body, signature] = header.slice(7).split('.');
  if (!head || !body || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const alg = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string };
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
  if (alg.alg !== 'HS256' || claims['aud'] !== 'atrium-api' || claims['iss'] !== 'atrium') return null;
  if (typeof claims['exp'] !== 'number' || claims['exp'] * 1000 <= Date.now()) return null;
  if (typeof claims['sub'] !== 'string' || typeof claims['sid'] !== 'string') return null;
  return { sub: claims['sub'], sid: claims['sid'] };
}

/** Session, user, agency and client memberships in one round trip: null when any is not active. */
async function loadCaller(token: { sub: string; sid: string }): Promise<Caller | null> {
  const [rows] = await pool.execute<RowDataPacket[]>(
    `SELECT u.id AS userId, u.agencyId, u.name, u.email, u.emailConfirmedAt, u.timezone, u.pendingEmail,
            a.name AS agencyName, m.clientId, m.role, c.name AS clientName, c.permissions
       FROM sessions s
       JOIN users u ON u.id = s.userId AND u.status = 'active' AND u.kind = 'client'
       JOIN agencies a ON a.id = u.agencyId AND a.status = 'active'
       JOIN client_memberships m ON m.userId = u.id AND m.agencyId = a.id AND m.status = 'active'
       JOIN clients c ON c.id = m.clientId AND c.agencyId = a.id AND c.deletedAt IS NULL
      WHERE s.id = ? AND s.userId = ? AND s.revokedAt IS NULL AND s.expiresAt > NOW(3)
        AND s.host IS NULL AND s.viewerUserId IS NULL
      ORDER BY c.name ASC`,
    [token.sid, token.sub],
  );
  if (rows.length === 0) return null;
  const first = rows[0];
  return {
    userId: first['userId'],
    agencyId: first['agencyId'],
    name: first['name'],
    email: first['email'],
    emailConfirmed: first['emailConfirmedAt'] !== null,
    timezone: first['timezone'],
    pendingEmail: first['pendingEmail'],
    agencyName: first['agencyName'],
    memberships: rows.map((row) => ({
      id: row['clientId'],
      name: row['clientName'],
      role: row['role'],
      permissions: effectiveClientPermissions(JSON.parse(row['permissions']), row['role']),
    })),
  };
}

function me(caller: Caller): unknown {
  return {
    id: caller.userId,
    name: caller.name,
    email: caller.email,
    emailConfirmed: caller.emailConfirmed,
    timezone: caller.timezone,
    avatarUrl: null,
    pendingEmail: caller.pendingEmail,
    audience: 'client',
    agency: { id: caller.agencyId, name: caller.agencyName },
    agencyRole: null,
    clients: caller.memberships,
  };
}

async function calendarWeek(caller: Caller, url: URL): Promise<unknown> {
  const client = caller.memberships[0];
  if (!client.permissions.includes('calendar.view')) return null;
  const from = new Date(url.searchParams.get('from') ?? '');
  const to = new Date(url.searchParams.get('to') ?? '');
  const [rows] = await pool.execute<RowDataPacket[]>(
    `SELECT t.postId, p.text, t.state, t.scheduledAt, t.publishedAt, t.externalUrl,
            a.id AS accountId, a.provider, a.displayName, a.handle
       FROM post_targets t
       JOIN social_accounts a ON a.id = t.socialAccountId AND a.clientId = t.clientId AND a.status != 'disconnected'
       JOIN posts p ON p.id = t.postId
      WHERE t.agencyId = ? AND t.clientId = ? AND t.scheduledAt >= ? AND t.scheduledAt < ?
        AND t.state IN ('pending', 'queued', 'sending', 'published')
      ORDER BY t.scheduledAt ASC, t.postId ASC
      LIMIT ${PORTAL_CALENDAR_LIMIT + 1}`,
    [caller.agencyId, client.id, from, to],
  );
  const truncated = rows.length > PORTAL_CALENDAR_LIMIT;
  const posts = new Map<string, Record<string, unknown> & { accounts: unknown[]; states: string[] }>();
  for (const row of rows.slice(0, PORTAL_CALENDAR_LIMIT)) {
    let post = posts.get(row['postId']);
    if (!post) {
      post = {
        id: row['postId'],
        text: row['text'],
        media: [],
        status: 'scheduled',
        scheduledAt: row['scheduledAt'].toISOString(),
        publishedAt: null,
        accounts: [],
        states: [],
      };
      posts.set(row['postId'], post);
    }
    const published = row['state'] === 'published';
    post.accounts.push({
      id: row['accountId'],
      provider: row['provider'],
      displayName: row['displayName'],
      handle: row['handle'],
      url: published ? row['externalUrl'] : null,
    });
    post.states.push(row['state']);
    const publishedAt = published && row['publishedAt'] ? (row['publishedAt'] as Date).toISOString() : null;
    if (publishedAt && (!post['publishedAt'] || publishedAt > (post['publishedAt'] as string))) {
      post['publishedAt'] = publishedAt;
    }
  }
  if (posts.size > 0) {
    // The same lookup Atrium makes for thumbnails; bench:api seeds no media, so it finds none.
    const ids = [...posts.keys()];
    await pool.query(
      `SELECT pm.postId, pm.mediaAssetId FROM posts p
         JOIN post_media pm ON pm.postId = p.id AND pm.agencyId = p.agencyId
        WHERE p.agencyId = ? AND p.clientId = ? AND p.id IN (?)`,
      [caller.agencyId, client.id, ids],
    );
  }
  const items = [...posts.values()].map(({ states, ...post }) => ({ ...post, status: summarize(states) }));
  return { from: from.toISOString(), to: to.toISOString(), timezone: caller.timezone, items, truncated };
}

function summarize(states: string[]): string {
  if (states.length > 0 && states.every((s) => s === 'published')) return 'published';
  if (states.some((s) => s !== 'pending')) return 'publishing';
  return 'scheduled';
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://raw');
  const token = verifyToken(request.headers.authorization);
  const caller = token ? await loadCaller(token) : null;
  if (!caller) return send(response, 401, { statusCode: 401, error: 'Unauthorized', message: 'Sign in again' });
  if (request.method === 'GET' && url.pathname === '/api/v1/me') return send(response, 200, me(caller));
  if (request.method === 'GET' && url.pathname === '/api/v1/portal/calendar') {
    const week = await calendarWeek(caller, url);
    if (week) return send(response, 200, week);
    return send(response, 403, { statusCode: 403, error: 'Forbidden', message: 'Not allowed' });
  }
  send(response, 404, { statusCode: 404, error: 'Not Found', message: 'Not found' });
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error(error);
    if (!response.headersSent)
      send(response, 500, { statusCode: 500, error: 'Internal Server Error', message: 'Failed' });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env['RAW_PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end();
});
