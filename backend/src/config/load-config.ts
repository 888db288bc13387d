import { createHash, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import {
  AppConfig,
  ConfigError,
  ContractsConfig,
  DatabaseConfig,
  MessagesConfig,
  MetricsConfig,
  PaymentsConfig,
  ProviderCredentialsConfig,
  SocialConfig,
} from './app-config';

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the whole configuration. Collects every problem before failing so one
 * restart is enough to fix them all.
 */
export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'], 'development');
  const port = read.int('PORT', 3000, 1, 65535);
  const appUrl = read.url('APP_URL', `http://localhost:${port}`);
  const database = readDatabase(read);
  const redisUrl = read.optionalUrl('REDIS_URL', ['redis:', 'rediss:']);
  const smtpUrl = read.optionalUrl('SMTP_URL', ['smtp:', 'smtps:']);
  const devMailboxWanted = read.bool('DEV_MAILBOX', nodeEnv !== 'production');
  // The dev mailbox shows sign-in links from every agency: never in production.
  if (nodeEnv === 'production' && devMailboxWanted)
    problems.push('DEV_MAILBOX cannot be turned on when NODE_ENV=production');
  if (smtpUrl === null && nodeEnv === 'production') problems.push('SMTP_URL is required when NODE_ENV=production');
  const jwtSecretRaw = read.optional('JWT_SECRET');
  if (jwtSecretRaw !== null && jwtSecretRaw.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters long');
  }
  if (jwtSecretRaw === null && nodeEnv === 'production') {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  }
  if (jwtSecretRaw !== null && nodeEnv === 'production' && /INSECURE|change-me/i.test(jwtSecretRaw)) {
    problems.push('JWT_SECRET still holds the placeholder from docker-compose.yml: set a random secret');
  }

  const encryptionKeyRaw = read.optional('ENCRYPTION_KEY');
  if (encryptionKeyRaw !== null && encryptionKeyRaw.length < 32) {
    problems.push('ENCRYPTION_KEY must be at least 32 characters long (e.g. openssl rand -base64 32)');
  }
  // Provider tokens encrypted with a throwaway key would be unreadable after a restart.
  if (encryptionKeyRaw === null && nodeEnv === 'production') {
    problems.push('ENCRYPTION_KEY is required when NODE_ENV=production');
  }
  if (encryptionKeyRaw !== null && nodeEnv === 'production' && /INSECURE|change-me/i.test(encryptionKeyRaw)) {
    problems.push('ENCRYPTION_KEY still holds the placeholder from docker-compose.yml: set a random key');
  }

  const config: AppConfig = {
    env: nodeEnv,
    host: read.string('HOST', '0.0.0.0'),
    port,
    appUrl: appUrl.replace(/\/+$/, ''),
    database,
    redisUrl,
    smtpUrl,
    mailFrom: read.string('MAIL_FROM', 'Atrium <no-reply@atrium.localhost>'),
    devMailbox: smtpUrl === null && devMailboxWanted,
    jwtSecret: jwtSecretRaw ?? randomBytes(48).toString('base64url'),
    jwtSecretGenerated: jwtSecretRaw === null,
    accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 600, 30, 900),
    refreshTokenTtlDays: read.int('REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    cookieSecure: read.bool('COOKIE_SECURE', appUrl.startsWith('https:')),
    trustProxy: read.bool('TRUST_PROXY', false),
    requestIdleTimeoutSeconds: read.int('REQUEST_IDLE_TIMEOUT_SECONDS', 30, 1, 3600),
    defaultPlan: read.oneOf('DEFAULT_PLAN', ['full', 'starter', 'solo'], 'full'),
    frontendDir: read.optional('FRONTEND_DIR'),
    logLevel: read.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'], nodeEnv === 'test' ? 'warn' : 'info'),
    migrateOnStart: read.bool('MIGRATE_ON_START', true),
    runWorkers: read.bool('RUN_WORKERS', true),
    shutdownDrainDelayMs: read.int('SHUTDOWN_DRAIN_DELAY_MS', 0, 0, 20_000),
    metrics: readMetrics(read, port, problems),
    encryptionKey: encryptionKeyRaw ? createHash('sha256').update(encryptionKeyRaw).digest() : randomBytes(32),
    encryptionKeyGenerated: encryptionKeyRaw === null,
    social: readSocial(read, nodeEnv, problems),
    publishPollMs: read.int('PUBLISH_POLL_MS', 5000, 200, 600_000),
    storage: readStorage(read, problems),
    media: {
      maxFileBytes: read.int('MEDIA_MAX_FILE_MB', 1024, 1, 102_400) * MB,
      agencyQuotaBytes: read.int('MEDIA_AGENCY_QUOTA_MB', 0, 0, 100_000_000) * MB || null,
      urlTtlSeconds: read.int('MEDIA_URL_TTL_SECONDS', 900, 30, 86_400),
    },
    customDomains: readCustomDomains(read, appUrl, problems),
    contracts: readContracts(read, problems),
    messages: readMessages(read),
    payments: readPayments(read, nodeEnv, problems),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * The name of every environment variable the configuration reader reads, recorded while it reads
 * on each of its branches (SQLite and MySQL/MariaDB, local and S3 storage), so the list cannot
 * drift from the reader. The production-shape test holds docker-compose.yml to it.
 */
export function knownEnvironmentVariables(): string[] {
  const names = new Set<string>();
  const recording = (env: Env): Env =>
    new Proxy(env, {
      get(target, name) {
        if (typeof name === 'string') names.add(name);
        return target[name as string];
      },
    });
  const branches: Env[] = [
    {},
    { DATABASE_TYPE: 'mysql', STORAGE_DRIVER: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 's' },
  ];
  for (const env of branches) {
    try {
      loadConfig(recording(env));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
  }
  return [...names].sort();
}

function readContracts(read: EnvReader, problems: string[]): ContractsConfig {
  const signingP12Path = read.optional('SIGNING_P12_PATH');
  const signingP12Password = read.optional('SIGNING_P12_PASSWORD');
  if (signingP12Path === null && signingP12Password !== null) {
    problems.push('SIGNING_P12_PASSWORD is set without SIGNING_P12_PATH');
  }
  return {
    maxFileBytes: read.int('CONTRACT_MAX_FILE_MB', 25, 1, 500) * MB,
    maxPages: read.int('CONTRACT_MAX_PAGES', 300, 1, 5000),
    signingP12Path,
    signingP12Password,
    signingDir: read.string('SIGNING_DIR', 'data'),
    timestampUrl: read.optionalUrl('SIGNING_TSA_URL', ['http:', 'https:']),
    pollMs: read.int('CONTRACT_POLL_MS', 60_000, 200, 3_600_000),
  };
}

function readMetrics(read: EnvReader, mainPort: number, problems: string[]): MetricsConfig {
  const port = read.optional('METRICS_PORT') === null ? null : read.int('METRICS_PORT', 0, 1, 65535);
  if (port !== null && port === mainPort) {
    problems.push('METRICS_PORT must differ from PORT: the public port never serves metrics without a token');
  }
  const token = read.optional('METRICS_TOKEN');
  // A scraper's token is a shared secret like any other: long enough not to be guessed.
  if (token !== null && token.length < 24) problems.push('METRICS_TOKEN must be at least 24 characters long');
  return { port, host: read.string('METRICS_HOST', '127.0.0.1'), token };
}

function readMessages(read: EnvReader): MessagesConfig {
  return {
    emailDelayMs: read.int('MESSAGE_EMAIL_DELAY_MS', 5 * 60_000, 0, 7 * 24 * 60 * 60_000),
    emailPollMs: read.int('MESSAGE_EMAIL_POLL_MS', 30_000, 200, 3_600_000),
    digestHour: read.int('MESSAGE_DIGEST_HOUR', 8, 0, 23),
  };
}

function readPayments(read: EnvReader, nodeEnv: string, problems: string[]): PaymentsConfig {
  const localProvider = read.bool('LOCAL_PAYMENT_PROVIDER', nodeEnv !== 'production');
  // The sandbox provider marks invoices paid without money moving: never on a production installation.
  if (localProvider && nodeEnv === 'production') {
    problems.push('LOCAL_PAYMENT_PROVIDER cannot be turned on when NODE_ENV=production');
  }
  return {
    localProvider: localProvider && nodeEnv !== 'production',
    stripeApiUrl: read.optionalUrl('STRIPE_API_URL', ['http:', 'https:'])?.replace(/\/+$/, '') ?? null,
    sandboxDeliveryPollMs: read.int('SANDBOX_PAY_POLL_MS', 2000, 200, 600_000),
  };
}

function readSocial(read: EnvReader, nodeEnv: string, problems: string[]): SocialConfig {
  const pair = (idName: string, secretName: string): ProviderCredentialsConfig | null => {
    const clientId = read.optional(idName);
    const clientSecret = read.optional(secretName);
    if ((clientId === null) !== (clientSecret === null)) {
      problems.push(`${idName} and ${secretName} must be set together`);
      return null;
    }
    return clientId && clientSecret ? { clientId, clientSecret } : null;
  };
  const mastodon = pair('MASTODON_CLIENT_ID', 'MASTODON_CLIENT_SECRET');
  // Codes, client secret and tokens travel to this server: only over TLS.
  const mastodonUrl = read.optionalUrl('MASTODON_URL', ['https:']);
  if (mastodon && !mastodonUrl) problems.push('MASTODON_URL is required with MASTODON_CLIENT_ID');
  const localProvider = read.bool('LOCAL_OAUTH_PROVIDER', nodeEnv !== 'production');
  // The sandbox provider lets anyone mint accounts: never on a production installation.
  if (localProvider && nodeEnv === 'production') {
    problems.push('LOCAL_OAUTH_PROVIDER cannot be turned on when NODE_ENV=production');
  }
  return {
    localProvider: localProvider && nodeEnv !== 'production',
    linkedin: pair('LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET'),
    x: pair('X_CLIENT_ID', 'X_CLIENT_SECRET'),
    facebook: pair('FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET'),
    instagram: pair('INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET'),
    threads: pair('THREADS_APP_ID', 'THREADS_APP_SECRET'),
    mastodon: mastodon && mastodonUrl ? { ...mastodon, instanceUrl: mastodonUrl.replace(/\/+$/, '') } : null,
  };
}

const MB = 1024 * 1024;

function readCustomDomains(read: EnvReader, appUrl: string, problems: string[]): AppConfig['customDomains'] {
  const appHost = hostnameOf(appUrl);
  const target = read.optional('PORTAL_CNAME_TARGET')?.toLowerCase().replace(/\.$/, '') ?? null;
  if (target !== null && !isHostname(target)) {
    problems.push(`PORTAL_CNAME_TARGET must be a host name like atrium.example.com (got "${target}")`);
  }
  const resolverRaw = read.optional('DNS_RESOLVER');
  const resolvers = resolverRaw === null ? null : resolverRaw.split(',').map((entry) => entry.trim());
  for (const entry of resolvers ?? []) {
    if (!isDnsServer(entry)) {
      problems.push(`DNS_RESOLVER must list DNS servers as ip or ip:port, comma-separated (got "${entry}")`);
    }
  }
  return {
    cnameTarget: target !== null && isHostname(target) ? target : appHost,
    dnsResolvers: resolvers,
    checkIntervalMs: read.int('CUSTOM_DOMAIN_CHECK_MINUTES', 60, 1, 24 * 60) * 60_000,
    graceMs: read.int('CUSTOM_DOMAIN_GRACE_HOURS', 72, 1, 30 * 24) * 60 * 60_000,
  };
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return 'localhost';
  }
}

function isHostname(value: string): boolean {
  return (
    value.length <= 253 &&
    value.split('.').every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) &&
    isIP(value) === 0
  );
}

/** `1.2.3.4`, `1.2.3.4:5353`, `::1` or `[::1]:5353`: what node:dns `setServers` accepts. */
function isDnsServer(entry: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
  const withPort = /^([^:]+):(\d{1,5})$/.exec(entry);
  const [address, port] = bracketed
    ? [bracketed[1], bracketed[2]]
    : withPort
      ? [withPort[1], withPort[2]]
      : [entry, undefined];
  return isIP(address) !== 0 && (port === undefined || (Number(port) >= 1 && Number(port) <= 65535));
}

function readStorage(read: EnvReader, problems: string[]): AppConfig['storage'] {
  const driver = read.oneOf('STORAGE_DRIVER', ['local', 's3'], read.optional('S3_BUCKET') ? 's3' : 'local');
  if (driver === 'local') return { driver, dir: read.string('MEDIA_DIR', 'data/media') };
  const bucket = read.optional('S3_BUCKET');
  const accessKeyId = read.optional('S3_ACCESS_KEY');
  const secretAccessKey = read.optional('S3_SECRET_KEY');
  if (!bucket || !accessKeyId || !secretAccessKey) {
    problems.push('STORAGE_DRIVER=s3 needs S3_BUCKET, S3_ACCESS_KEY and S3_SECRET_KEY');
  }
  return {
    driver,
    endpoint: read.optionalUrl('S3_ENDPOINT', ['http:', 'https:']),
    bucket: bucket ?? '',
    region: read.string('S3_REGION', 'us-east-1'),
    accessKeyId: accessKeyId ?? '',
    secretAccessKey: secretAccessKey ?? '',
    forcePathStyle: read.bool('S3_FORCE_PATH_STYLE', false),
  };
}

function readDatabase(read: EnvReader): DatabaseConfig {
  // MariaDB is named separately: TypeORM reads its schema differently from MySQL's.
  const type = read.oneOf('DATABASE_TYPE', ['sqlite', 'mysql', 'mariadb'], 'sqlite');
  if (type === 'sqlite') {
    return { type, path: read.string('DATABASE_PATH', 'data/atrium.sqlite') };
  }
  return {
    type,
    host: read.string('DATABASE_HOST', '127.0.0.1'),
    port: read.int('DATABASE_PORT', 3306, 1, 65535),
    username: read.string('DATABASE_USER', 'atrium'),
    password: read.string('DATABASE_PASSWORD', ''),
    database: read.string('DATABASE_NAME', 'atrium'),
    // A frozen or unreachable database must fail a request in seconds, not hang it (503, retry later).
    connectTimeoutMs: read.int('DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 120_000),
    queryTimeoutMs: read.int('DATABASE_QUERY_TIMEOUT_MS', 15_000, 100, 600_000),
    poolAcquireTimeoutMs: read.int('DATABASE_POOL_ACQUIRE_TIMEOUT_MS', 5000, 100, 120_000),
  };
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  optional(name: string): string | null {
    const value = this.env[name]?.trim();
    return value ? value : null;
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined || raw === null) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  url(name: string, fallback: string): string {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    if (!isUrl(raw, ['http:', 'https:'])) {
      this.problems.push(`${name} must be an http(s) URL (got "${raw}")`);
      return fallback;
    }
    return raw;
  }

  optionalUrl(name: string, protocols: string[]): string | null {
    const raw = this.optional(name);
    if (raw === null) return null;
    if (!isUrl(raw, protocols)) {
      this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return null;
    }
    return raw;
  }
}

function isUrl(raw: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(raw).protocol);
  } catch {
    return false;
  }
}
