import { defineConfig } from '@playwright/test';

/**
 * E2E against the built app (`npm run build:renderer && node scripts/build-node.mjs` first).
 * Each spec file gets a fresh local server and data folder (fixtures.ts).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // PW_OUTPUT_DIR lets two people run specs at once without wiping each other's results.
  outputDir: process.env['PW_OUTPUT_DIR'] ?? 'artifacts/results',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    actionTimeout: 15_000,
    viewport: { width: 1366, height: 768 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    locale: 'en-IN',
    timezoneId: 'Asia/Kolkata',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--lang=en-IN', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
