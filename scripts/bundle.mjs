// Bundles the two entry points into dist/ (committed: GitHub runs actions from the repository).
// `--check` bundles into a temporary folder and fails when it differs from the committed dist/.
// `--outdir DIR` bundles into DIR instead of dist/ (benchmarks and tests measure a fresh bundle without touching dist/).
import { build } from 'esbuild';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const check = process.argv.includes('--check');
const outdirAt = process.argv.indexOf('--outdir');
const outdirArg = outdirAt === -1 ? undefined : process.argv[outdirAt + 1];
if (outdirAt !== -1 && (outdirArg === undefined || check)) {
  console.error('usage: node scripts/bundle.mjs [--check | --outdir DIR]');
  process.exit(2);
}
const outdir = check ? await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-dist-')) : path.resolve(outdirArg ?? path.join(root, 'dist'));

// Only dist/ is emptied first; a directory given with --outdir is the caller's and is never deleted.
if (!check && outdirArg === undefined) await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts', index: 'src/action/index.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require() for Node built-ins; give ESM chunks a real one.
  banner: {
    js: "import { createRequire as __mcpPreflightRequire } from 'node:module';\nconst require = __mcpPreflightRequire(import.meta.url);",
  },
});

if (check) {
  const fresh = await listFiles(outdir);
  const committed = await listFiles(path.join(root, 'dist')).catch(() => new Map());
  const stale = [...new Set([...fresh.keys(), ...committed.keys()])].filter((f) => fresh.get(f) !== committed.get(f));
  await rm(outdir, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(`dist/ is stale (differs from a fresh bundle): ${stale.join(', ')}\nRun \`npm run bundle\` and commit dist/.`);
    process.exit(1);
  }
  console.log('dist/ is up to date');
}

async function listFiles(dir) {
  const files = new Map();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full, 'utf8'));
  }
  return files;
}
