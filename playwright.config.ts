import { defineConfig } from '@playwright/test'

// Debian's Chromium: Playwright's own browser download is not reachable from CI machines.
const chromium = process.env.LOOPDESK_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  globalSetup: './test/e2e/global-setup.ts',
  projects: [
    {
      name: 'web',
      testDir: 'test/e2e',
      testMatch: /.*\.spec\.ts/,
      use: {
        browserName: 'chromium',
        viewport: { width: 1366, height: 768 },
        locale: 'de-DE',
        timezoneId: 'Europe/Berlin',
        screenshot: 'only-on-failure',
        launchOptions: {
          executablePath: chromium,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
      testMatch: /.*\.spec\.ts/,
    },
  ],
})
