import { ConfigError } from './app-config';
import { knownEnvironmentVariables, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({
      type: 'sqlite',
      path: 'data/atrium.sqlite',
    });
    expect(config.redisUrl).toBeNull();
    expect(config.smtpUrl).toBeNull();
    expect(config.appUrl).toBe('http://localhost:3000');
    expect(config.jwtSecretGenerated).toBe(true);
    expect(config.requestIdleTimeoutSeconds).toBe(30);
  });

  it('reads the request-body idle timeout within its bounds', () => {
    expect(loadConfig({ REQUEST_IDLE_TIMEOUT_SECONDS: '5' }).requestIdleTimeoutSeconds).toBe(5);
    expect(() => loadConfig({ REQUEST_IDLE_TIMEOUT_SECONDS: '0' })).toThrow(/REQUEST_IDLE_TIMEOUT_SECONDS/);
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_TYPE: 'oracle',
        APP_URL: 'not a url',
        NODE_ENV: 'production',
        SMTP_URL: 'http://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT');
    expect(problems).toContain('DATABASE_TYPE');
    expect(problems).toContain('APP_URL');
    expect(problems).toContain('JWT_SECRET is required');
    expect(problems).toContain('SMTP_URL');
  });

  it('reads the MySQL settings and strips a trailing slash from APP_URL', () => {
    const config = loadConfig({
      DATABASE_TYPE: 'mysql',
      DATABASE_HOST: 'db',
      DATABASE_PASSWORD: 'pw',
      APP_URL: 'https://portal.example.com/',
    });
    expect(config.database).toMatchObject({
      type: 'mysql',
      host: 'db',
      port: 3306,
      password: 'pw',
    });
    expect(config.appUrl).toBe('https://portal.example.com');
    expect(config.cookieSecure).toBe(true);
  });

  it('bounds every wait on the database (defaults 5 s / 15 s / 5 s) and refuses nonsense values', () => {
    const defaults = loadConfig({ DATABASE_TYPE: 'mariadb' });
    expect(defaults.database).toMatchObject({
      connectTimeoutMs: 5000,
      queryTimeoutMs: 15_000,
      poolAcquireTimeoutMs: 5000,
    });
    expect(defaults.shutdownDrainDelayMs).toBe(0);
    const tuned = loadConfig({
      DATABASE_TYPE: 'mariadb',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_QUERY_TIMEOUT_MS: '30000',
      DATABASE_POOL_ACQUIRE_TIMEOUT_MS: '3000',
      SHUTDOWN_DRAIN_DELAY_MS: '5000',
    });
    expect(tuned.database).toMatchObject({
      connectTimeoutMs: 2000,
      queryTimeoutMs: 30_000,
      poolAcquireTimeoutMs: 3000,
    });
    expect(tuned.shutdownDrainDelayMs).toBe(5000);
    let error: unknown;
    try {
      loadConfig({ DATABASE_TYPE: 'mariadb', DATABASE_QUERY_TIMEOUT_MS: '0', SHUTDOWN_DRAIN_DELAY_MS: 'soon' });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('DATABASE_QUERY_TIMEOUT_MS');
    expect(problems).toContain('SHUTDOWN_DRAIN_DELAY_MS');
  });

  it('never exposes the dev mailbox in production, and refuses the compose placeholder secret', () => {
    let error: unknown;
    try {
      loadConfig({
        NODE_ENV: 'production',
        DEV_MAILBOX: 'true',
        SMTP_URL: 'smtp://mail:25',
        JWT_SECRET: 'INSECURE-dev-only-jwt-secret-change-me-before-deploying',
      });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('DEV_MAILBOX cannot be turned on');
    expect(problems).toContain('placeholder');
  });

  it('reads when unread messages are emailed: a 5-minute delay and an 8 o’clock digest by default', () => {
    expect(loadConfig({}).messages).toEqual({ emailDelayMs: 300_000, emailPollMs: 30_000, digestHour: 8 });
    expect(
      loadConfig({ MESSAGE_EMAIL_DELAY_MS: '60000', MESSAGE_EMAIL_POLL_MS: '1000', MESSAGE_DIGEST_HOUR: '0' }).messages,
    ).toEqual({ emailDelayMs: 60_000, emailPollMs: 1000, digestHour: 0 });
    expect(() => loadConfig({ MESSAGE_DIGEST_HOUR: '24' })).toThrow(/MESSAGE_DIGEST_HOUR/);
    expect(() => loadConfig({ MESSAGE_EMAIL_POLL_MS: '10' })).toThrow(/MESSAGE_EMAIL_POLL_MS/);
  });

  it('serves metrics nowhere by default, and reads their own port or a long enough token', () => {
    expect(loadConfig({}).metrics).toEqual({ port: null, host: '127.0.0.1', token: null });
    const token = 'a-scraper-token-of-32-characters';
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: token }).metrics).toEqual({
      port: 9464,
      host: '0.0.0.0',
      token,
    });
    expect(() => loadConfig({ METRICS_PORT: '3000' })).toThrow(/METRICS_PORT must differ from PORT/);
    expect(() => loadConfig({ METRICS_PORT: 'none' })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 24/);
  });
});

describe('loadConfig: social platforms and token encryption', () => {
  const problemsOf = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
      return '';
    } catch (error) {
      return (error as ConfigError).problems.join('\n');
    }
  };

  it('offers the local sandbox in development only, and platforms only with both credentials', () => {
    const config = loadConfig({ LINKEDIN_CLIENT_ID: 'id', LINKEDIN_CLIENT_SECRET: 'secret' });
    expect(config.social.localProvider).toBe(true);
    expect(config.social.linkedin).toEqual({ clientId: 'id', clientSecret: 'secret' });
    expect(config.social.x).toBeNull();
    expect(problemsOf({ X_CLIENT_ID: 'only-the-id' })).toContain(
      'X_CLIENT_ID and X_CLIENT_SECRET must be set together',
    );
    expect(problemsOf({ MASTODON_CLIENT_ID: 'a', MASTODON_CLIENT_SECRET: 'b' })).toContain('MASTODON_URL is required');
  });

  it('derives a 32-byte key from ENCRYPTION_KEY and demands a real one in production', () => {
    const config = loadConfig({ ENCRYPTION_KEY: 'k'.repeat(40) });
    expect(config.encryptionKey).toHaveLength(32);
    expect(config.encryptionKeyGenerated).toBe(false);
    expect(problemsOf({ ENCRYPTION_KEY: 'short' })).toContain('ENCRYPTION_KEY must be at least 32 characters');
    const production = { NODE_ENV: 'production', SMTP_URL: 'smtp://mail:25', JWT_SECRET: 'j'.repeat(40) };
    expect(problemsOf(production)).toContain('ENCRYPTION_KEY is required when NODE_ENV=production');
    expect(
      problemsOf({ ...production, ENCRYPTION_KEY: 'INSECURE-dev-only-encryption-key-change-me-before-deploying' }),
    ).toContain('ENCRYPTION_KEY still holds the placeholder');
    expect(problemsOf({ ...production, ENCRYPTION_KEY: 'e'.repeat(40), LOCAL_OAUTH_PROVIDER: 'true' })).toContain(
      'LOCAL_OAUTH_PROVIDER cannot be turned on',
    );
    expect(loadConfig({ ...production, ENCRYPTION_KEY: 'e'.repeat(40) }).social.localProvider).toBe(false);
  });

  it('offers the sandbox payment provider except in production, and refuses it there', () => {
    expect(loadConfig({}).payments).toEqual({ localProvider: true, stripeApiUrl: null, sandboxDeliveryPollMs: 2000 });
    expect(loadConfig({ LOCAL_PAYMENT_PROVIDER: 'false' }).payments.localProvider).toBe(false);
    expect(loadConfig({ STRIPE_API_URL: 'http://127.0.0.1:12111/' }).payments.stripeApiUrl).toBe(
      'http://127.0.0.1:12111',
    );
    expect(problemsOf({ STRIPE_API_URL: 'ftp://stripe' })).toContain('STRIPE_API_URL must be a URL');
    const production = {
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://mail:25',
      JWT_SECRET: 'j'.repeat(40),
      ENCRYPTION_KEY: 'e'.repeat(40),
    };
    expect(problemsOf({ ...production, LOCAL_PAYMENT_PROVIDER: 'true' })).toContain(
      'LOCAL_PAYMENT_PROVIDER cannot be turned on when NODE_ENV=production',
    );
    expect(loadConfig(production).payments.localProvider).toBe(false);
  });

  it('reads the custom-domain settings: CNAME target from APP_URL, resolvers, interval and grace', () => {
    const defaults = loadConfig({ APP_URL: 'https://Atrium.Example.com' }).customDomains;
    expect(defaults).toEqual({
      cnameTarget: 'atrium.example.com',
      dnsResolvers: null,
      checkIntervalMs: 60 * 60_000,
      graceMs: 72 * 60 * 60_000,
    });
    const set = loadConfig({
      PORTAL_CNAME_TARGET: 'edge.example.net.',
      DNS_RESOLVER: '127.0.0.1:5354, [::1]:53,9.9.9.9',
      CUSTOM_DOMAIN_CHECK_MINUTES: '5',
      CUSTOM_DOMAIN_GRACE_HOURS: '24',
    }).customDomains;
    expect(set).toEqual({
      cnameTarget: 'edge.example.net',
      dnsResolvers: ['127.0.0.1:5354', '[::1]:53', '9.9.9.9'],
      checkIntervalMs: 5 * 60_000,
      graceMs: 24 * 60 * 60_000,
    });
    expect(() => loadConfig({ DNS_RESOLVER: 'dns.google:53', PORTAL_CNAME_TARGET: 'https://x/' })).toThrow(
      /DNS_RESOLVER[\s\S]*PORTAL_CNAME_TARGET|PORTAL_CNAME_TARGET[\s\S]*DNS_RESOLVER/,
    );
  });

  it('names every variable it reads, on each database and storage branch', () => {
    const known = knownEnvironmentVariables();
    expect(known).toEqual(
      expect.arrayContaining(['NODE_ENV', 'JWT_SECRET', 'DATABASE_PATH', 'DATABASE_HOST', 'MEDIA_DIR', 'S3_ENDPOINT']),
    );
    expect(known.filter((name) => !/^[A-Z][A-Z0-9_]*$/.test(name))).toEqual([]);
  });
});
