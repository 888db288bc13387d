/**
 * Atrium's configuration, read from the environment exactly once (at boot) and validated as a
 * whole, so an operator sees every bad variable in one message. Nothing else reads process.env.
 */
export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | {
      type: 'mysql' | 'mariadb';
      host: string;
      port: number;
      username: string;
      password: string;
      database: string;
      /** Bounds on waiting for the database, so a frozen server fails requests instead of hanging them. */
      connectTimeoutMs: number;
      queryTimeoutMs: number;
      poolAcquireTimeoutMs: number;
    };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** The public URL people reach Atrium at; every link in an email starts with it. */
  appUrl: string;
  database: DatabaseConfig;
  /** Optional: with Redis, jobs run on Bull and rate limits are shared between instances. */
  redisUrl: string | null;
  /** Optional: without SMTP, emails are captured and readable in the dev mailbox. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Captured emails are readable at /dev/mailbox (only when there is no SMTP server). */
  devMailbox: boolean;
  jwtSecret: string;
  /** True when JWT_SECRET was not set and a random per-process one is in use (development only). */
  jwtSecretGenerated: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  /** The longest silence between the bytes of a request body before the request is cut off (408). */
  requestIdleTimeoutSeconds: number;
  defaultPlan: string;
  /** Directory holding the built frontend, served by the backend when set (embedded default). */
  frontendDir: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Run pending migrations when the server starts. */
  migrateOnStart: boolean;
  /** Run job processors and schedules in this process (turn off for API-only instances). */
  runWorkers: boolean;
  /**
   * On SIGTERM, how long readiness answers 503 (so a load balancer stops sending new requests)
   * before the server stops accepting connections; in-flight requests are served either way.
   */
  shutdownDrainDelayMs: number;
  /** Where Prometheus may scrape `/metrics` (core/metrics); with neither port nor token, nowhere. */
  metrics: MetricsConfig;
  /** 32-byte key that encrypts provider tokens at rest (AES-256-GCM). */
  encryptionKey: Buffer;
  /** True when ENCRYPTION_KEY was not set and a random per-process key is in use (development only). */
  encryptionKeyGenerated: boolean;
  social: SocialConfig;
  /** How often each instance looks for posts that are due. */
  publishPollMs: number;
  storage: StorageConfig;
  media: MediaConfig;
  customDomains: CustomDomainsConfig;
  contracts: ContractsConfig;
  messages: MessagesConfig;
  payments: PaymentsConfig;
}

/** Online payments (issue 17): the local sandbox provider, and where the Stripe client talks to. */
export interface MetricsConfig {
  /** A separate HTTP server answering only `GET /metrics` (METRICS_PORT), bound to `host`. */
  port: number | null;
  host: string;
  /** `/metrics` on the main port, for `Authorization: Bearer <token>` only (METRICS_TOKEN). */
  token: string | null;
}

export interface PaymentsConfig {
  /** The built-in sandbox payment provider (hosted page, signed webhooks), so paying works offline. */
  localProvider: boolean;
  /** Stripe's API base URL (STRIPE_API_URL): null = api.stripe.com; set it to use stripe-mock or a proxy. */
  stripeApiUrl: string | null;
  /** How often the sandbox provider looks for webhook deliveries due for a (re)try. */
  sandboxDeliveryPollMs: number;
}

/** Messages (issue 16): when people are emailed about what they left unread. */
export interface MessagesConfig {
  /** How long a message may stay unread before its recipient is emailed (people who chose "every time"). */
  emailDelayMs: number;
  /** How often the owed emails are looked for (on one instance at a time). */
  emailPollMs: number;
  /** The hour (0–23, in each person's own time zone) daily digests go out. */
  digestHour: number;
}

/** Contracts: limits on uploads and the certificate that seals completed documents. */
export interface ContractsConfig {
  maxFileBytes: number;
  maxPages: number;
  /** A PKCS#12 file with the installation's signing certificate; null = a self-signed one kept in `signingDir`. */
  signingP12Path: string | null;
  signingP12Password: string | null;
  /** Where the self-signed identity is created on first start (`<dir>/signing/`). */
  signingDir: string;
  /** An RFC 3161 time-stamping authority; null = signatures carry the server's clock only. */
  timestampUrl: string | null;
  /** How often reminders and expiries are looked for. */
  pollMs: number;
}

/** Agencies' own portal domains: how they are verified and how long a broken one keeps working. */
export interface CustomDomainsConfig {
  /** What an agency's CNAME must point at (PORTAL_CNAME_TARGET, default APP_URL's hostname). */
  cnameTarget: string;
  /** DNS servers (`ip` or `ip:port`) the checks ask (DNS_RESOLVER); null = the system's. */
  dnsResolvers: string[] | null;
  /** How often every domain is checked again. */
  checkIntervalMs: number;
  /** How long a domain whose TXT record disappeared keeps being used before it stops. */
  graceMs: number;
}

/** Where uploaded files live: a local directory (embedded default) or S3-compatible storage. */
export type StorageConfig =
  | { driver: 'local'; dir: string }
  | {
      driver: 's3';
      endpoint: string | null;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
    };

export interface MediaConfig {
  /** Largest file one upload may carry. */
  maxFileBytes: number;
  /** Per-agency total of stored files; null = no quota. */
  agencyQuotaBytes: number | null;
  /** Lifetime of the signed file URLs handed to browsers. */
  urlTtlSeconds: number;
}

export interface ProviderCredentialsConfig {
  clientId: string;
  clientSecret: string;
}

/** Platforms offered for connecting: only those with credentials (and the local sandbox when on). */
export interface SocialConfig {
  /** The built-in OAuth 2 server and sandbox platform, so Connect works end to end without internet. */
  localProvider: boolean;
  linkedin: ProviderCredentialsConfig | null;
  x: ProviderCredentialsConfig | null;
  facebook: ProviderCredentialsConfig | null;
  instagram: ProviderCredentialsConfig | null;
  threads: ProviderCredentialsConfig | null;
  mastodon: (ProviderCredentialsConfig & { instanceUrl: string }) | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
