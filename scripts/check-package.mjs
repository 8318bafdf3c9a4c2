#!/usr/bin/env node
// `npm run check-package`: proves that the package npm would publish installs by its name and works on its own.
// It packs this checkout (the committed dist/), checks the packed package.json (no runtime dependencies of any kind),
// installs the tarball offline into an empty project outside the repository, checks that exactly one package was
// installed, runs `mcp-preflight --version` through the installed bin link (timed), and checks one healthy server with
// the installed copy, where no node_modules of this repository can be reached.
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const windows = process.platform === 'win32';
const VERSION_RUNS = 7;
const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies'];
const REQUIRED_FILES = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/cli.js', 'dist/index.js', 'docs/report.schema.json'];

const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const scratch = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-package-'));
const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

try {
  // 1. Pack.
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: root }).stdout)[0];
  const tarball = path.join(scratch, packed.filename);
  const files = new Set(packed.files.map((f) => f.path));
  for (const file of REQUIRED_FILES) check(files.has(file), `the package lacks ${file}`);
  console.log(
    `packed ${packed.name}@${packed.version}: ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked, ${packed.entryCount} files`,
  );

  // 2. The package.json inside the tarball, as npm publishes it.
  const unpacked = path.join(scratch, 'unpacked');
  await mkdir(unpacked);
  run('tar', ['-xzf', tarball, '-C', unpacked, 'package/package.json']);
  const manifest = JSON.parse(await readFile(path.join(unpacked, 'package', 'package.json'), 'utf8'));
  for (const field of DEPENDENCY_FIELDS) {
    const entries = Object.keys(manifest[field] ?? {});
    check(entries.length === 0, `the packed package.json has ${field}: ${entries.join(', ')}`);
  }
  check(manifest.name === '@mcp-preflight/cli', `the package is named ${manifest.name}, not @mcp-preflight/cli`);
  check(manifest.bin?.['mcp-preflight'] === 'dist/cli.js', 'the bin mcp-preflight is not dist/cli.js');

  // 3. Install it offline into an empty project: nothing may be fetched, and nothing but the package lands.
  const project = path.join(scratch, 'project');
  await mkdir(project);
  await writeFile(path.join(project, 'package.json'), `${JSON.stringify({ name: 'empty-project', private: true }, null, 2)}\n`);
  const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: project });
  const lock = JSON.parse(await readFile(path.join(project, 'node_modules', '.package-lock.json'), 'utf8'));
  const installed = Object.keys(lock.packages).filter((p) => p !== '');
  check(
    installed.length === 1 && installed[0] === 'node_modules/@mcp-preflight/cli',
    `installing the tarball installed ${installed.length} packages: ${installed.join(', ')}`,
  );
  console.log(
    `npm install --offline <tarball>: ${installed.length} package${installed.length === 1 ? '' : 's'} installed (${install.stdout.trim().split('\n').pop()})`,
  );

  // 4. `mcp-preflight --version` through the bin link npm created, timed.
  const bin = path.join(project, 'node_modules', '.bin', windows ? 'mcp-preflight.cmd' : 'mcp-preflight');
  const times = [];
  let printed = '';
  for (let i = 0; i < VERSION_RUNS; i++) {
    const started = process.hrtime.bigint();
    printed = run(bin, ['--version'], { cwd: project, shell: windows }).stdout.trim();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  check(printed === pkg.version, `mcp-preflight --version printed "${printed}", expected "${pkg.version}"`);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `mcp-preflight --version → ${printed}: median ${Math.round(sorted[sorted.length >> 1])} ms over ${VERSION_RUNS} runs ` +
      `(min ${Math.round(sorted[0])}, max ${Math.round(sorted.at(-1))}; node ${process.version})`,
  );

  // 5. A real check with the installed copy: the whole engine loads from the bundle alone.
  await copyFile(path.join(root, 'test', 'action', 'fixtures', 'stdio-server.mjs'), path.join(project, 'server.mjs'));
  await writeFile(
    path.join(project, '.mcp.json'),
    `${JSON.stringify({ mcpServers: { fixture: { command: 'node', args: ['server.mjs'] } } }, null, 2)}\n`,
  );
  const checked = run(bin, ['--json', 'report.json', '--no-color', '--startup-timeout', '15000'], {
    cwd: project,
    shell: windows,
    allowFailure: true,
  });
  const report = JSON.parse(await readFile(path.join(project, 'report.json'), 'utf8').catch(() => '{}'));
  const fixture = report.servers?.find((s) => s.name === 'fixture');
  check(
    checked.status === 0 && fixture !== undefined && fixture.status !== 'fail',
    `the installed CLI did not check a healthy server (exit ${checked.status}):\n${checked.stdout}${checked.stderr}`,
  );
  if (fixture) console.log(`installed CLI on a healthy server: exit ${checked.status}, server ${fixture.status}`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  for (const failure of failures) console.error(`check-package: ${failure}`);
  process.exit(1);
}
console.log('check-package: the package installs alone and runs');

/** Runs a command to completion (no shell unless asked); throws with its output when it fails, unless allowed to. */
function run(command, args, { cwd = root, shell = false, allowFailure = false } = {}) {
  const npm = command === 'npm' && windows;
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    shell: shell || npm,
    timeout: 120_000,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (!allowFailure && (result.status !== 0 || result.error)) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result;
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}
