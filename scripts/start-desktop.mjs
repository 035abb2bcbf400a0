// `npm start`: the desktop app. Without Electron (its binary cannot be
// downloaded everywhere) it says so in one line and points to `keel serve`.
// Otherwise: better-sqlite3 rebuilt for Electron's ABI when needed (the test
// command rebuilds it for Node again), renderer and shell built, Electron run.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const abi = await import('../main/desktop/native-abi.ts');
const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const electron = abi.findElectron(() => require('electron'));
if (!electron.ok) {
  console.error(electron.message);
  process.exit(1);
}

const probe = () => {
  const run = spawnSync(electron.binary, ['-e', abi.PROBE_SCRIPT], {
    cwd: root,
    env: abi.probeEnv(process.env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return abi.classifyProbe({ status: run.status, stderr: run.stderr ?? '', error: run.error });
};

const plan = abi.planStart(electron, probe());
if ('error' in plan) {
  console.error(`keel: ${plan.error}`);
  process.exit(1);
}

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`keel: \`${[cmd, ...args].join(' ')}\` failed`);
    process.exit(1);
  }
};

for (const step of plan.steps) {
  if (step === 'rebuild-native') {
    console.log('keel: rebuilding better-sqlite3 for Electron');
    const [cmd, ...args] = abi.REBUILD_COMMAND;
    run(cmd, args);
    const again = probe();
    if (again !== 'ready') {
      console.error(
        `keel: better-sqlite3 still does not load in Electron after the rebuild${typeof again === 'object' ? `: ${again.failed}` : ''}`,
      );
      process.exit(1);
    }
  } else if (step === 'build-renderer') {
    run('npm', ['run', '--silent', 'build:renderer']);
  } else if (step === 'build-desktop') {
    const { buildDesktop } = await import('../main/desktop/build.ts');
    await buildDesktop(root);
  } else if (step === 'launch') {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(electron.binary, [root], { cwd: root, stdio: 'inherit', env });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
