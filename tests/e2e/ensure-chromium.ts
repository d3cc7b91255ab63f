// Makes sure the e2e tests have a Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium,
// installed with apt when we are root. Playwright's own browser download is never used.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function installWithApt(): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    console.log(`ensure-chromium: apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) return false;
  }
  return isExecutable(DEBIAN_CHROMIUM);
}

function main(): number {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (isExecutable(configured)) {
      console.log(`ensure-chromium: using CHROMIUM_PATH=${configured}`);
      return 0;
    }
    console.error(`ensure-chromium: CHROMIUM_PATH=${configured} is not an executable file. Fix the path or unset it.`);
    return 1;
  }
  if (isExecutable(DEBIAN_CHROMIUM)) {
    console.log(`ensure-chromium: using ${DEBIAN_CHROMIUM}`);
    return 0;
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    if (installWithApt()) return 0;
    console.error(`ensure-chromium: installing Debian's chromium failed; the apt output above says why.`);
    return 1;
  }
  console.error(
    `ensure-chromium: no Chromium at ${DEBIAN_CHROMIUM}. Install Debian's package:\n` +
      `  sudo sh -c '${INSTALL_COMMAND}'\n` +
      'or set CHROMIUM_PATH to a Chromium executable.',
  );
  return 1;
}

process.exit(main());
