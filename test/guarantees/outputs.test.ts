// Issue 10's guarantees over every output, end to end: the bundled CLI (terminal without and with colour, the JSON
// report) and the bundled action run as the runner runs it (step log with its workflow commands and annotations, job
// summary, outputs), plus the PR comment body rendered from the same report.
// - Injection: a hostile config in a folder whose name is itself an attack, declaring servers whose names are attacks,
//   one of which puts the same attacks into everything it says. No output may carry an acting character, a workflow
//   command of theirs, or raw HTML; each attack must still be shown (escaped), not dropped.
// - Leaks: secrets expanded into command, args (a database URL), cwd and env, echoed by the server in every encoding
//   through every channel. No output may carry any of them in any form; a short value (DEBUG=1) masks nothing.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { isCleanWorkspacePath, renderAnnotations } from '../../src/report/annotations.js';
import { renderJobSummary } from '../../src/report/job-summary.js';
import { forTerminal } from '../../src/report/untrusted-text.js';
// @ts-expect-error: a plain .mjs module shared with the fixture server.
import { PAYLOADS, RAW_COMMANDS } from '../fixtures/servers/lib/payloads.mjs';
import { commandsOutsideStopBlocks, startAction } from './action-run.js';
import { bundleToTempDir, removeBundle, repoRoot, runNode, type Bundle, type NodeRun } from './harness.js';

const payloads = PAYLOADS as string[];
const rawCommands = RAW_COMMANDS as string[];
const fixtures = path.join(repoRoot, 'test/fixtures/servers');
const settings = ['--startup-timeout', '5000', '--request-timeout', '3000', '--fail-on', 'never'];
const commentFooter = '<p><sub><a href="https://github.com/acme/app/actions/runs/1">Workflow run</a> · Linux</sub></p>';

// Controls (the line feed between lines aside), format characters (bidi, zero-width, BOM, tags), line separators.
const acting = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/u;

/** The text with what we add ourselves taken out: SGR colours, and the zero-width space that breaks `::` and `##[`. */
function withoutOwnMarks(text: string): string {
  return text
    .replace(/\u001b\[\d+m/g, '')
    .replace(/:\u200b(?=:)/g, ':')
    .replace(/#\u200b(?=#\[)/g, '#');
}

/** No acting character, no workflow command at a line start, no legacy marker anywhere. */
function expectInert(name: string, text: string): void {
  const stripped = withoutOwnMarks(text);
  expect(stripped.match(acting)?.[0], `${name}: acting character`).toBeUndefined();
  for (const line of text.split('\n')) {
    expect(line, `${name}: workflow command`).not.toMatch(/^\s*::/);
    expect(line, `${name}: legacy command`).not.toContain('##[');
  }
}

describe.runIf(process.platform === 'linux')('untrusted text in every output', () => {
  let bundle: Bundle | undefined;
  let dir: string;
  let hostileFolder: string;
  const runs: Record<'plain' | 'colour', NodeRun> = {} as never;
  let report: Report;
  let action: { stdout: string; summary: string; outputs: Record<string, string>; code: number | null };

  beforeAll(async () => {
    bundle = await bundleToTempDir();
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-injection-'));
    // A folder name is attacker-chosen too: a line break, a workflow command, OSC 52 (clipboard) and a screen clear.
    hostileFolder = path.join(dir, 'sub\n::error title=X::pwned\u001b]52;c;aGk=\u0007\u001b[2J');
    await mkdir(hostileFolder, { recursive: true });
    const mcpServers = Object.fromEntries([
      ['injects-everywhere', { command: process.execPath, args: [path.join(fixtures, 'injects-everywhere.mjs')] }],
      ...payloads.map((payload, i) => [`${payload}${i}`, { command: `missing-${payload}` }]),
    ]);
    await writeFile(path.join(hostileFolder, '.mcp.json'), JSON.stringify({ mcpServers }, null, 2));
    const run = (colour: boolean) =>
      runNode(
        [
          bundle!.cli,
          ...settings,
          '--json',
          path.join(dir, `report-${colour}.json`),
          colour ? '--color' : '--no-color',
          '.',
          'gone\u001b[2J\n::error::x',
        ],
        { cwd: dir, timeoutMs: 60_000, env: { ...process.env, ...(colour ? {} : { NO_COLOR: '1' }) } },
      );
    [runs.plain, runs.colour] = await Promise.all([run(false), run(true)]);
    report = JSON.parse(await readFile(path.join(dir, 'report-false.json'), 'utf8')) as Report;

    const runnerTemp = path.join(dir, 'runner-temp');
    await mkdir(runnerTemp);
    const started = await startAction({
      index: bundle.index,
      workspace: dir,
      runnerTemp,
      inputs: { 'fail-on': 'never', 'startup-timeout': '5000', 'request-timeout': '3000', 'report-path': 'action-report.json' },
    });
    const done = await started.done;
    action = { ...(await started.files()), stdout: done.stdout + done.stderr, code: done.code };
  }, 180_000);

  afterAll(async () => {
    await removeBundle(bundle);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('checked every server, with the attacks reaching the report (so the assertions are about them)', () => {
    expect(runs.plain.code, runs.plain.stderr).toBe(2);
    expect(report.servers).toHaveLength(payloads.length + 1);
    const everywhere = report.servers.find((s) => s.name === 'injects-everywhere');
    expect(everywhere?.stderrTail).toEqual(expect.arrayContaining(payloads.filter((p) => !/[\n\r\u0085\u2028\u2029]/.test(p))));
    expect(everywhere?.tools.map((t) => t.name)).toContain(`${payloads[0]}0`);
    expect(action.code).toBe(0);
  });

  it.each(['plain', 'colour'] as const)('terminal (%s): every attack shown as text, none acting', (kind) => {
    const output = runs[kind].stdout + runs[kind].stderr;
    expectInert(`terminal ${kind}`, output);
    if (kind === 'colour') expect(output).toMatch(/\u001b\[31m/);
    // The folder and the server names are shown, escaped, on their own line each (a line break never forges a row).
    expect(output).toContain(forTerminal(path.basename(hostileFolder)));
    for (const [i, payload] of payloads.entries())
      expect(withoutOwnMarks(output)).toContain(withoutOwnMarks(forTerminal(`${payload}${i}`)));
    expect(output).toContain(forTerminal('gone\u001b[2J\n::error::x'));
  });

  it('JSON report: inert text, the same values', async () => {
    const text = await readFile(path.join(dir, 'report-false.json'), 'utf8');
    expectInert('JSON report', text);
    expect(report.servers.map((s) => s.name)).toContain(`${payloads[0]}0`);
  });

  it('job summary and PR comment body: escaped HTML, no link, no mention, nothing acting', () => {
    for (const [name, html] of [
      ['summary', renderJobSummary(report)],
      ['comment', renderJobSummary(report, { maxBytes: 60_000, footer: commentFooter })],
      ['action summary', action.summary],
    ] as const) {
      expectInert(name, html);
      expect(html, name).not.toMatch(/<script|<img|\]\(https?:|@octocat/i);
      expect(html, name).toContain('&lt;script&gt;');
      expect(html, name).toContain('@&#8203;octocat');
    }
  });

  it('annotations: clean titles and messages, a file only when it is a clean workspace path', () => {
    const annotations = renderAnnotations(report, { rootFromWorkspace: '' });
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) {
      expectInert('annotation title', a.title);
      expectInert('annotation message', a.message);
      if (a.file !== undefined) expect(isCleanWorkspacePath(a.file), a.file).toBe(true);
    }
    // The config sits in a folder whose name is an attack: its findings are placed on no file, and say where.
    expect(annotations.filter((a) => a.file !== undefined)).toEqual([]);
  });

  it('action step log: only our own workflow commands outside stop-commands blocks, and clean file= properties', () => {
    const commands = commandsOutsideStopBlocks(action.stdout);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      expect(['group', 'endgroup', 'error', 'warning', 'notice', 'add-mask', 'debug'], command.line).toContain(command.name);
      expect(command.line.trimStart(), command.line).not.toMatch(
        new RegExp(rawCommands.map((c) => `^${c.replace(/[[\]]/g, '\\$&')}`).join('|')),
      );
      expectInert(`${command.name} data`, command.data);
      for (const value of Object.values(command.properties)) expectInert(`${command.name} property`, value);
      if (command.properties.file !== undefined) expect(isCleanWorkspacePath(command.properties.file)).toBe(true);
    }
    const annotations = commands.filter((c) => c.name === 'error' || c.name === 'warning');
    expect(annotations.length).toBeGreaterThan(0);
    expect(annotations.some((c) => c.properties.title?.startsWith('MCP server'))).toBe(true);
    // Everything else on the log is inert as well (the stop-commands blocks included).
    const ours = /^::(?:(?:error|warning|notice|group|endgroup|add-mask|stop-commands)\b|[0-9a-f]{32}::$)/;
    expectInert(
      'action log',
      action.stdout
        .split('\n')
        .filter((l) => !ours.test(l))
        .join('\n'),
    );
  });
});

describe.runIf(process.platform === 'linux')('secrets in every output', () => {
  let bundle: Bundle | undefined;
  let dir: string;
  let cli: NodeRun;
  let jsonText: string;
  let report: Report;
  let action: { log: string; summary: string; outputs: Record<string, string>; report: string };
  let workDir: string;

  const secrets = {
    API_TOKEN: 'tok_Z9x8c7v6b5n4m3q2',
    DATABASE_URL: 'postgres://admin:pa55-w0rd!%@db.internal:5432/app',
    MULTI_LINE: '-----BEGIN KEY-----\nMIIBVwIBADANBgkqhkiG\n9w0BAQEFAASCAUEwggE9\n-----END KEY-----',
  };

  /** Every form a secret value may take: itself, each line, base64 (also at each offset inside a longer text), base64url, URL and JSON encodings. */
  function forms(value: string): string[] {
    const pieces = [value, ...value.split('\n')].filter((p) => p.trim().length >= 4);
    return pieces.flatMap((piece) => {
      const bytes = Buffer.from(piece);
      const shifted = [0, 1, 2].map((shift) => {
        const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
        return encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
      });
      return [
        piece,
        bytes.toString('base64'),
        bytes.toString('base64url'),
        encodeURIComponent(piece),
        encodeURIComponent(piece).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
        JSON.stringify(piece).slice(1, -1),
        ...shifted,
        ...shifted.map((s) => s.replace(/\+/g, '-').replace(/\//g, '_')),
      ];
    });
  }

  /** Every run of `WINDOW` characters of a form: a secret cut short by an excerpt leaks as much as such a run. */
  const WINDOW = 12;
  function windows(form: string): string[] {
    return form.length <= WINDOW ? [form] : Array.from({ length: form.length - WINDOW + 1 }, (_, i) => form.slice(i, i + WINDOW));
  }

  function expectNoSecret(name: string, text: string): void {
    for (const value of Object.values(secrets)) {
      for (const form of forms(value)) {
        for (const run of windows(form))
          expect(text.includes(run), `${name} holds ${JSON.stringify(run)} of ${JSON.stringify(form)}`).toBe(false);
      }
    }
    for (const form of forms(workDir)) expect(text.includes(form), `${name} holds ${JSON.stringify(form)}`).toBe(false);
    // The database password alone, too.
    expect(text, name).not.toContain('pa55-w0rd');
  }

  beforeAll(async () => {
    bundle = await bundleToTempDir();
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-leaks-'));
    workDir = path.join(dir, `work-dir-${randomUUID().slice(0, 8)}`);
    await mkdir(workDir);
    await mkdir(path.join(dir, '.vscode'));
    // VS Code's format: variables in command, args, cwd and env.
    await writeFile(
      path.join(dir, '.vscode/mcp.json'),
      JSON.stringify({
        servers: {
          leaky: {
            type: 'stdio',
            command: '${env:LEAK_NODE}',
            args: [path.join(fixtures, 'leaks-secrets.mjs'), '--token=${env:API_TOKEN}', '${env:DATABASE_URL}'],
            cwd: '${env:WORK_DIR}',
            env: { MULTI: '${env:MULTI_LINE}', DEBUG: '${env:DEBUG}', TOKEN: '${env:API_TOKEN}' },
          },
        },
      }),
    );
    const env = { ...secrets, WORK_DIR: workDir, LEAK_NODE: process.execPath, DEBUG: '1' };
    cli = await runNode([bundle.cli, ...settings, '--no-color', '--json', path.join(dir, 'report.json'), '.'], {
      cwd: dir,
      timeoutMs: 60_000,
      env: { ...process.env, ...env },
    });
    jsonText = await readFile(path.join(dir, 'report.json'), 'utf8');
    report = JSON.parse(jsonText) as Report;

    const runnerTemp = path.join(dir, 'runner-temp');
    await mkdir(runnerTemp);
    const started = await startAction({
      index: bundle.index,
      workspace: dir,
      runnerTemp,
      env,
      inputs: { 'fail-on': 'never', 'startup-timeout': '5000', 'request-timeout': '3000', 'report-path': 'action-report.json' },
    });
    const done = await started.done;
    action = {
      ...(await started.files()),
      log: done.stdout + done.stderr,
      report: await readFile(path.join(dir, 'action-report.json'), 'utf8'),
    };
  }, 180_000);

  afterAll(async () => {
    await removeBundle(bundle);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ran the server, which echoed its secrets everywhere (so the assertions are about them)', () => {
    expect(cli.code, cli.stderr).toBe(0);
    const leaky = report.servers[0];
    expect(leaky?.startupMs).not.toBeNull();
    expect(leaky?.tools.length).toBeGreaterThan(10);
    expect(leaky?.stderrTail.join('\n')).toContain('config: ***');
    expect(leaky?.launch?.args).toEqual([expect.stringMatching(/leaks-secrets\.mjs$/), '--token=***', '***']);
    expect(leaky?.launch?.cwd).toBe('***');
  });

  it('terminal', () => {
    expectNoSecret('terminal', cli.stdout + cli.stderr);
    // DEBUG=1 is a flag, not a secret: numbers stay numbers.
    expect(cli.stdout).toContain('1 server in 1 config: ');
  });

  it('JSON report', () => {
    expectNoSecret('JSON report', jsonText);
    expectNoSecret('JSON report (decoded)', JSON.stringify(report));
  });

  it('job summary and PR comment body', () => {
    expectNoSecret('summary', renderJobSummary(report));
    expectNoSecret('comment', renderJobSummary(report, { maxBytes: 60_000, footer: commentFooter }));
    expectNoSecret('action summary', action.summary);
  });

  it('annotations', () => {
    for (const a of renderAnnotations(report)) expectNoSecret('annotation', `${a.title}\n${a.message}\n${a.file ?? ''}`);
  });

  it('action: step log (past the masks it registers), annotations, summary, outputs and report', () => {
    const masks = action.log.split('\n').filter((l) => l.startsWith('::add-mask::'));
    // Registered before anything else was printed, every line and encoding of every value.
    expect(masks.length).toBeGreaterThan(10);
    expectNoSecret(
      'action log',
      action.log
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    );
    expectNoSecret('action outputs', JSON.stringify(action.outputs));
    expectNoSecret('action report', action.report);
  });
});
