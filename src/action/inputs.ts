/** The action's inputs, read once into one typed object and validated with messages that name the input. */
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { glob } from 'tinyglobby';
import { ISOLATION_MODES, type IsolationMode, NETWORK_MODES, type NetworkMode } from '../model/isolation.js';
import type { FailOn } from '../model/report.js';
import { PROFILES, unknownClients } from '../profiles/index.js';
import { type NumberRule, readNumberSetting, SETTINGS } from '../settings.js';
import { isLegLabel, LEG_LABEL_RULE, parseShard, type Shard } from '../shard.js';

export interface ActionInputs {
  /** Paths or globs as written, relative to `workingDirectory`; empty = discover. */
  config: string[];
  servers: string[];
  /** Start commands for remote entries (`start` input, lines `NAME: command`). */
  start: Record<string, string>;
  /** Lines of the `suppress` input as written (empty lines included, so messages can give the line number). */
  suppress: string[];
  startupTimeoutMs: number;
  requestTimeoutMs: number;
  /** How long after the handshake every server must keep running. */
  stayAliveMs: number;
  concurrency: number;
  maxConfigs: number;
  maxServers: number;
  failOn: FailOn;
  freshHome: boolean;
  /** Check remote servers whose credentials expand to nothing instead of skipping them. */
  requireCredentials: boolean;
  /** Client profile ids (`all` = every profile); empty = the client whose file declared each server. */
  clients: string[];
  /** Offer every protocol version in its own session; undefined = only when `clients` is given. */
  protocolVersions: boolean | undefined;
  isolation: IsolationMode;
  network: NetworkMode;
  /** The container image for `docker`; undefined = the default for each server's runtime. */
  image: string | undefined;
  /** Absolute. */
  workingDirectory: string;
  annotations: boolean;
  summary: boolean;
  comment: boolean;
  githubToken: string;
  /** Absolute path of the JSON report. */
  reportPath: string;
  /** `merge`: combine the reports in `reports` instead of checking servers. */
  mode: 'check' | 'merge';
  /** Report files or folders for `merge`, absolute. */
  reports: string[];
  shard: Shard | undefined;
  leg: string | undefined;
  /** Absolute paths of the extra formats; undefined = not written. */
  junit: string | undefined;
  sarif: string | undefined;
}

/**
 * Defaults, exactly as `action.yml` declares them (a test keeps the two equal). They apply too when an input is
 * absent altogether, as when the action runs under `@github/local-action` or in a test.
 */
export const INPUT_DEFAULTS = {
  config: '',
  servers: '',
  start: '',
  suppress: '',
  'startup-timeout': '30000',
  'request-timeout': '10000',
  'stay-alive-ms': '1000',
  concurrency: '8',
  'max-configs': '1000',
  'max-servers': '1000',
  'fail-on': 'error',
  'fresh-home': 'false',
  'require-credentials': 'false',
  clients: '',
  'protocol-versions': 'auto',
  isolation: 'auto',
  network: 'host',
  image: '',
  'working-directory': '.',
  annotations: 'true',
  summary: 'true',
  comment: 'false',
  'github-token': '${{ github.token }}',
  'report-path': '',
  mode: 'check',
  reports: '',
  shard: '',
  leg: '',
  junit: '',
  sarif: '',
} as const;

type InputName = keyof typeof INPUT_DEFAULTS;

const failOnValues: readonly FailOn[] = ['error', 'warning', 'never'];

export function readInputs(env: NodeJS.ProcessEnv = process.env): ActionInputs {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const workingDirectory = path.resolve(workspace, text('working-directory') || '.');
  const reportPath = text('report-path');
  return {
    config: splitList(text('config')),
    servers: splitList(text('servers')),
    start: startCommands(text('start')),
    // One per line: a reason may contain commas.
    suppress: text('suppress') === '' ? [] : text('suppress').split(/\r\n|\r|\n/),
    startupTimeoutMs: integer('startup-timeout', SETTINGS.startupTimeoutMs),
    requestTimeoutMs: integer('request-timeout', SETTINGS.requestTimeoutMs),
    stayAliveMs: integer('stay-alive-ms', SETTINGS.stayAliveMs),
    concurrency: integer('concurrency', SETTINGS.concurrency),
    maxConfigs: integer('max-configs', SETTINGS.maxConfigs),
    maxServers: integer('max-servers', SETTINGS.maxServers),
    failOn: failOn(),
    freshHome: boolean('fresh-home'),
    requireCredentials: boolean('require-credentials'),
    clients: clients(),
    protocolVersions: text('protocol-versions') === 'auto' ? undefined : boolean('protocol-versions'),
    ...isolation(),
    workingDirectory,
    annotations: boolean('annotations'),
    summary: boolean('summary'),
    comment: boolean('comment'),
    // No fallback to the declared default: that is a workflow expression only the runner expands.
    githubToken: core.getInput('github-token'),
    reportPath: reportPath ? path.resolve(workspace, reportPath) : defaultReportPath(env),
    mode: oneOf('mode', ['check', 'merge'] as const),
    reports: splitList(text('reports')).map((r) => path.resolve(workspace, r)),
    shard: shard(),
    leg: leg(),
    junit: text('junit') ? path.resolve(workspace, text('junit')) : undefined,
    sarif: text('sarif') ? path.resolve(workspace, text('sarif')) : undefined,
  };
}

/** Lines `NAME: command` (a command may contain commas and colons: only the first colon splits). */
function startCommands(value: string): Record<string, string> {
  const commands: Record<string, string> = Object.create(null);
  value.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const split = line.indexOf(':');
    const name = split === -1 ? '' : line.slice(0, split).trim();
    const command = split === -1 ? '' : line.slice(split + 1).trim();
    if (name === '' || command === '') throw new Error(`Input "start", line ${index + 1}: expected "NAME: command"`);
    if (Object.hasOwn(commands, name)) throw new Error(`Input "start" names "${name}" twice`);
    commands[name] = command;
  });
  return commands;
}

/** Newline- or comma-separated values, trimmed, empties dropped. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function text(name: InputName): string {
  // `core.getInput` yields '' for an absent input: then the declared default applies.
  return core.getInput(name) || INPUT_DEFAULTS[name];
}

/** A numeric input, read by the rule the CLI's flags share (settings.ts). */
function integer(name: InputName, rule: NumberRule): number {
  const raw = text(name);
  const read = readNumberSetting(raw, rule);
  if (!read.ok) throw new Error(`Input "${name}" must be ${read.expected}, got "${raw}"`);
  return read.value;
}

function boolean(name: InputName): boolean {
  // The YAML 1.2 core schema booleans, as core.getBooleanInput accepts them.
  const raw = text(name);
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new Error(`Input "${name}" must be true or false, got "${raw}"`);
}

function failOn(): FailOn {
  const raw = text('fail-on');
  const value = failOnValues.find((v) => v === raw.toLowerCase());
  if (!value) throw new Error(`Input "fail-on" must be one of ${failOnValues.join(', ')}, got "${raw}"`);
  return value;
}

function oneOf<T extends string>(name: InputName, allowed: readonly T[]): T {
  const raw = text(name);
  const value = allowed.find((v) => v === raw.toLowerCase());
  if (!value) throw new Error(`Input "${name}" must be one of ${allowed.join(', ')}, got "${raw}"`);
  return value;
}

function isolation(): Pick<ActionInputs, 'isolation' | 'network' | 'image'> {
  const mode = oneOf('isolation', ISOLATION_MODES);
  const image = text('image').trim();
  if (image !== '' && mode !== 'docker') throw new Error(`Input "image" needs isolation: docker, got isolation: ${mode}`);
  return { isolation: mode, network: oneOf('network', NETWORK_MODES), image: image || undefined };
}

function shard(): Shard | undefined {
  const raw = text('shard').trim();
  if (raw === '') return undefined;
  const read = parseShard(raw);
  if (!read.ok) throw new Error(`Input "shard" must be ${read.expected}, got "${raw}"`);
  return read.shard;
}

function leg(): string | undefined {
  const raw = text('leg').trim();
  if (raw === '') return undefined;
  if (!isLegLabel(raw)) throw new Error(`Input "leg" must be ${LEG_LABEL_RULE}, got "${raw}"`);
  return raw;
}

function clients(): string[] {
  const requested = splitList(text('clients'));
  const unknown = unknownClients(requested);
  if (unknown.length > 0) {
    const known = ['all', ...PROFILES.map((p) => p.id)].join(', ');
    throw new Error(`Input "clients" has unknown client(s) ${unknown.map((c) => `"${c}"`).join(', ')}; known: ${known}`);
  }
  return requested;
}

/** Under RUNNER_TEMP (cleaned after the job), one file per step so two steps of a job do not overwrite each other. */
function defaultReportPath(env: NodeJS.ProcessEnv): string {
  const step = (env.GITHUB_ACTION || 'report').replace(/[^A-Za-z0-9_.-]/g, '_');
  return path.join(env.RUNNER_TEMP || os.tmpdir(), 'mcp-preflight', `${step}.json`);
}

export interface ExpandedPaths {
  /** Absolute paths: literal entries as given, globs replaced by their matches (sorted). */
  paths: string[];
  /** Globs that matched nothing (literal paths that do not exist are the engine's to report). */
  unmatched: string[];
}

const globCharacters = /[*?[\]{}]/;
const SKIPPED_DIRECTORIES = ['**/node_modules/**', '**/.git/**'];

/** Expands the globs among `patterns` relative to `cwd`; dependency and VCS folders are never searched. */
export async function expandConfigPaths(patterns: readonly string[], cwd: string): Promise<ExpandedPaths> {
  const paths: string[] = [];
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    if (!globCharacters.test(pattern)) {
      paths.push(path.resolve(cwd, pattern));
      continue;
    }
    // Glob patterns use forward slashes on every OS; `**` also enters dot folders (.cursor, .vscode).
    const matches = (
      await glob(pattern.replace(/\\/g, '/'), { cwd, dot: true, ignore: SKIPPED_DIRECTORIES, expandDirectories: false })
    ).map((match) => path.resolve(cwd, match));
    if (matches.length === 0) unmatched.push(pattern);
    paths.push(...matches.sort());
  }
  return { paths: [...new Set(paths)], unmatched };
}
