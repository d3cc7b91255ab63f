// Preloaded into every unit and integration test process: anything that falls back to the
// console's default data folder (./data, e.g. the audit HMAC key) lands in a private temporary
// folder instead of the checkout, and is removed when the process ends.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

if (!process.env.DATA_DIR) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'umcc-test-data-'));
  process.env.DATA_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
