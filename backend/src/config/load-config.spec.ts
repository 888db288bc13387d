import { ConfigError } from './app-config';
import { loadConfig } from './load-config';

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
});
