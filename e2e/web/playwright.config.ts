import { defineConfig, devices } from '@playwright/test';

const port = process.env['E2E_WEB_PORT'] ?? '4320';
const baseURL = `http://127.0.0.1:${port}`;

/**
 * Browser tests in Debian's Chromium (Playwright cannot download its own browsers here):
 * apt-get install -y chromium, or point CHROMIUM_PATH at another build.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e-spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env['CI'],
  outputDir: '../../test-results/web',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
  ],
  webServer: {
    command: 'node e2e/web/serve.mjs',
    cwd: '../..',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
