import type { FailOn, Report, ServerReport } from './report.js';

/** One run of the engine, as both entry points (CLI, action) describe it. */
export interface RunOptions {
  /** Files or directories; empty = discover under `root`. */
  paths: string[];
  /** Directory that discovery starts from and that report paths are relative to. */
  root: string;
  /** Only servers with these names (empty = all). */
  servers: string[];
  startupTimeoutMs: number;
  requestTimeoutMs: number;
  concurrency: number;
  /** Config files one run may read (default `SETTINGS.maxConfigs`): past it, nothing is checked and `overLimit` says why. */
  maxConfigs?: number;
  /** Servers one run may check (default `SETTINGS.maxServers`): past it, nothing is checked and `overLimit` says why. */
  maxServers?: number;
  /** Point HOME (USERPROFILE on Windows) at an empty temporary directory. */
  freshHome: boolean;
  failOn: FailOn;
  /**
   * Client profile ids to judge every server for (`all` = every profile); empty or absent = the client whose file
   * declared the server.
   */
  clients?: string[];
  /** Offer every protocol version in its own short session. Absent: only when `clients` is given. */
  protocolVersions?: boolean;
  /** The runner's environment: the source of `${VAR}` values; never passed to servers wholesale. */
  env: NodeJS.ProcessEnv;
  /** Called once, before any server starts, with every value expanded from a variable into env/headers/url. */
  onSecrets?: (values: string[]) => void;
  /** Called as each server finishes (progress output), with its redacted report. */
  onServerDone?: (server: ServerReport) => void;
  /**
   * Cancels the run (SIGINT, SIGTERM): no server starts after it fired, running ones are killed with what they
   * started, and the report is marked cancelled. Its `reason` names the cause (`SIGINT`).
   */
  signal?: AbortSignal;
}

export interface RunResult {
  report: Report;
  /** Explicit paths that did not exist. */
  missing: string[];
  /** Discovery stopped at its entry budget: config files in the rest of the tree were not looked for. */
  discoveryTruncated: boolean;
  /** More config files or servers than the run's bound: nothing was checked (a usage error for the entry points). */
  overLimit?: OverLimit;
}

export interface OverLimit {
  what: 'config files' | 'servers';
  /** How many were found (config files: at least this many; discovery stops counting past the bound). */
  found: number;
  limit: number;
  /** The setting that raises the bound, as `--max-configs` / `max-configs` name it (without the prefix). */
  setting: 'max-configs' | 'max-servers';
}
