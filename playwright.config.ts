import { defineConfig } from '@playwright/test';
// The test processes' own fallback data folder is private and temporary (never the checkout's ./data).
import './tests/setup/isolate-data-dir.mjs';

// One test-only audit key for the test processes and every console they start, so rows that a test
// writes into a console's database before starting it chain with the console's own rows.
process.env.AUDIT_HMAC_KEY ||= 'e2e-only-audit-key-0123456789abcdef0123456789abcdef';
// Likewise one test-only Ed25519 signing seed, so a spec knows the public key an auditor would trust.
process.env.AUDIT_SIGNING_KEY ||= 'ZTJlLW9ubHktYXVkaXQtc2lnbmluZy1rZXktc2VlZCE';

// Debian's chromium, never a downloaded browser: `npx playwright install` is not part of setup.
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
