import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMessage {
  to: string[];
  /** The raw message as the SMTP server received it: headers, then the MIME body. */
  body: string;
}

export interface TestSmtpOptions {
  /** How long the server takes to accept each message (a slow server: deliveries overlap). */
  delayMs?: number;
}

/** A real SMTP server on loopback that keeps every message it receives (as mail-outbox.int-spec's). */
export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<{
  port: number;
  received: ReceivedMessage[];
  /** The most messages that were being received at the same time. */
  maxInFlight: () => number;
  close: () => Promise<void>;
}> {
  const received: ReceivedMessage[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let body = '';
      stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
      stream.on('end', () => {
        setTimeout(() => {
          inFlight -= 1;
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          callback();
        }, options.delayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    maxInFlight: () => maxInFlight,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function until<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The value of a header of a raw message (unfolded), or null. */
export function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}

/**
 * The raw message with its quoted-printable parts decoded (soft line breaks joined, `=XX` bytes
 * restored), so text split across lines by the encoding can be searched.
 */
export function decodedBody(raw: string): string {
  return Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

/**
 * The decoded text/plain and text/html parts of a raw message (as nodemailer builds them:
 * quoted-printable, base64 or 7bit), for checks on what was sent rather than on the outbox row,
 * whose bodies are removed once the message is sent.
 */
export function partsOf(raw: string): { text: string; html: string } {
  const parts = { text: '', html: '' };
  // Split on the message's own boundaries (nested multiparts have several): any other line that
  // starts with "--" belongs to a part, and quoted-printable wrapping can start one with the "--"
  // of an HTML comment.
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map(([, name]) =>
    name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  if (boundaries.length === 0) throw new Error('The message has no MIME boundary');
  const delimiter = new RegExp(`\\r?\\n--(?:${boundaries.join('|')})(?:--)?(?:\\r?\\n|$)`);
  for (const chunk of raw.split(delimiter)) {
    const [head, ...rest] = chunk.split(/\r?\n\r?\n/);
    const type = /content-type:\s*text\/(plain|html)/i.exec(head)?.[1]?.toLowerCase();
    if (!type) continue;
    const encoded = rest.join('\n\n');
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    const decoded =
      encoding === 'base64'
        ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? decodedBody(encoded)
          : encoded;
    parts[type === 'plain' ? 'text' : 'html'] = decoded.replace(/\r\n/g, '\n');
  }
  return parts;
}
