/** Small pieces every benchmark here needs: its settings, a free port, signing in, and summaries. */
import { createServer } from 'node:net';

/** A positive whole number from an environment variable, or the fallback. */
export function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}

/** A TCP port on loopback that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Signs in through the API of the server on `port` and returns the access token. */
export async function signIn(port: number, credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const text = await response.text();
  const token = response.status === 200 ? (JSON.parse(text) as { accessToken?: string }).accessToken : undefined;
  if (!token) throw new Error(`Sign-in failed (${response.status}): ${text}`);
  return token;
}

/** The median and the range of a set of figures. */
export function spread(values: readonly number[]): { median: number; min: number; max: number } {
  if (values.length === 0) throw new Error('No figures to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return {
    median: sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2,
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}
