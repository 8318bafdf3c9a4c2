/**
 * Running the bundled action (dist/index.js) the way the runner does: inputs as `INPUT_<NAME>` variables (hyphens
 * kept, upper-cased), a workspace, a step summary file and an output file the runner would create, nothing of the
 * test's own environment but PATH and HOME.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface ActionRunSetup {
  /** The bundled index.js. */
  index: string;
  /** GITHUB_WORKSPACE and the process's working directory. */
  workspace: string;
  /** Where RUNNER_TEMP, the step summary and the output file go. */
  runnerTemp: string;
  inputs: Record<string, string>;
  /** Variables of the job (secrets the config expands, markers). */
  env?: Record<string, string>;
}

export interface ActionFiles {
  summary: string;
  /** The outputs as the runner reads them from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
}

export interface StartedAction {
  child: ChildProcess;
  /** Resolves when the process exited, with everything it wrote. */
  done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
  files(): Promise<ActionFiles>;
  /** What it wrote to stdout so far. */
  stdout(): string;
}

export async function startAction(setup: ActionRunSetup): Promise<StartedAction> {
  const summaryFile = path.join(setup.runnerTemp, 'step-summary.md');
  const outputFile = path.join(setup.runnerTemp, 'github-output');
  await writeFile(summaryFile, '');
  await writeFile(outputFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: setup.workspace,
    GITHUB_ACTION: 'preflight',
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: setup.runnerTemp,
    RUNNER_OS: 'Linux',
    ...setup.env,
    ...Object.fromEntries(Object.entries(setup.inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
  const child = spawn(process.execPath, [setup.index], { cwd: setup.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    child,
    done,
    stdout: () => stdout,
    files: async () => ({ summary: await readFile(summaryFile, 'utf8'), outputs: parseOutputs(await readFile(outputFile, 'utf8')) }),
  };
}

/** `name<<delimiter\nvalue\ndelimiter` entries, as `core.setOutput` writes them. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name = '', delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}

/**
 * The workflow commands a step log carries outside `::stop-commands::` blocks, as the runner would execute them:
 * `::name props::data` at a line start (after blanks), and `##[` anywhere.
 */
export function commandsOutsideStopBlocks(
  log: string,
): Array<{ name: string; properties: Record<string, string>; data: string; line: string }> {
  const commands: Array<{ name: string; properties: Record<string, string>; data: string; line: string }> = [];
  let endToken: string | undefined;
  for (const line of log.split(/\r?\n/)) {
    const trimmed = line.trimStart();
    if (endToken !== undefined) {
      if (trimmed === `::${endToken}::`) endToken = undefined;
      continue;
    }
    if (trimmed.includes('##[')) commands.push({ name: '##[', properties: {}, data: trimmed, line });
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(trimmed);
    if (!match) continue;
    const [, name = '', props = '', data = ''] = match;
    if (name === 'stop-commands') {
      endToken = data;
      continue;
    }
    const properties: Record<string, string> = {};
    for (const pair of props ? props.split(',') : []) {
      const at = pair.indexOf('=');
      properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
    }
    commands.push({ name, properties, data: unescapeData(data), line });
  }
  return commands;
}

const escapes: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };

function unescapeData(text: string): string {
  return text.replace(/%(?:25|0D|0A)/g, (m) => escapes[m] ?? m);
}

function unescapeProperty(text: string): string {
  return text.replace(/%(?:25|0D|0A|3A|2C)/g, (m) => escapes[m] ?? m);
}
