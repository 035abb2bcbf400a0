// End-to-end tests drive Debian's Chromium (Playwright's own browser download
// cannot work offline). Installs it with apt when missing and we are root.
import { execSync } from 'node:child_process';

function which(cmd) {
  try {
    return execSync(`command -v ${cmd}`, { shell: '/bin/sh', encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

if (!process.env.KEEL_CHROMIUM && !which('chromium')) {
  if (process.getuid?.() !== 0) {
    console.error('keel: end-to-end tests need Chromium: run `sudo apt-get install -y chromium` (or set KEEL_CHROMIUM).');
    process.exit(1);
  }
  console.log('keel: installing Debian chromium for the end-to-end tests…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
    shell: '/bin/sh',
  });
}
