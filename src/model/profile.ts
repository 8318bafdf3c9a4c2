/**
 * What an MCP client does when it starts a stdio server, and the rules it applies to what the server offers. One
 * profile per client lives in `src/profiles/<id>.ts`; checks read them to say which clients a server works in.
 */

/** The operating systems a client can run on (Node's platform names). */
export type ClientOs = 'darwin' | 'linux' | 'win32';

/**
 * Which of the client's own variables a server inherits:
 * - `sdk`: the MCP SDK's allow-list (POSIX: HOME LOGNAME PATH SHELL TERM USER) — what mcp-preflight's main probe uses;
 * - `codex`: Codex's allow-list (adds LANG, LC_ALL, TMPDIR, TZ… on POSIX; a different set on Windows);
 * - `full`: the client's whole environment (mcp-preflight leaves out credentials and CI variables even then).
 */
export type EnvPolicy = 'sdk' | 'codex' | 'full';

/** `macos-gui`: launchd's PATH `/usr/bin:/bin:/usr/sbin:/sbin`, what an app opened from the Dock or Finder has. */
export type PathPolicy = 'inherit' | 'macos-gui';

/** `workspace`: the project (config) folder; `filesystem-root`: a cwd that is not the project (`/` on macOS). */
export type CwdPolicy = 'workspace' | 'filesystem-root';

/** How a client starts a stdio server on one OS. */
export interface LaunchPolicy {
  env: EnvPolicy;
  path: PathPolicy;
  cwd: CwdPolicy;
}

/**
 * How the client spawns a Windows batch shim (`npx` is `npx.cmd`): `resolves` (cross-spawn, PATHEXT lookup, a shell
 * for `.cmd`), `fails` (a plain spawn: ENOENT/EINVAL), `unknown` (not documented: nothing is claimed).
 */
export type ShimHandling = 'resolves' | 'fails' | 'unknown';

/** What happens to a tool whose name breaks a client's rule. */
export type NameEffect =
  /** The model API rejects the request (every conversation fails while the server is enabled). */
  | 'rejected'
  /** The client drops the tool. */
  | 'filtered'
  /** The client rewrites the name (truncation, hashing): the tool works under another name. */
  | 'shortened';

export interface ExposedNameRule {
  /** How the name is shown to the model, e.g. `mcp__<server>__<tool>`. */
  label: string;
  /** Length of the name the client builds from the server and tool names. */
  length(server: string, tool: string): number;
  max: number;
  effect: NameEffect;
}

export interface ToolRules {
  /**
   * A tool name outside `^[a-zA-Z0-9_-]{1,64}$` (what `tool-names` fails): `rejected`/`filtered` make the server fail
   * in this client; `tolerated` when the client rewrites names or never hands them to a model API as function names.
   */
  invalidNames: NameEffect | 'tolerated' | 'unknown';
  exposedName?: ExposedNameRule;
  maxTools?: { limit: number; effect: 'truncated' | 'rejected'; note: string };
}

export interface ServerNameRules {
  /** Names the client's config accepts. */
  pattern?: { regex: RegExp; text: string };
  /** Names the client keeps for itself. */
  reserved?: readonly string[];
  /** Characters that are allowed but cause trouble, with why. */
  avoid?: { regex: RegExp; why: string };
}

export interface StartupBudget {
  /** How long the client waits for the server to start before giving up. */
  timeoutMs: number;
  /** The budget covers the first tools/list too (Codex), not only initialize. */
  includesToolsList: boolean;
  /** Where the number comes from (the config key that changes it, or the source). */
  setting: string;
}

export interface ClientProfile {
  /** Stable id, used by `--client` and as the key of a report's `clients` table. */
  id: string;
  name: string;
  oses: readonly ClientOs[];
  /** How it launches a server on each OS it exists on. */
  launch(os: ClientOs): LaunchPolicy;
  windowsShims: ShimHandling;
  startup?: StartupBudget;
  /** How long a list request may take (a client that waits less than mcp-preflight's request timeout). */
  listTimeoutMs?: number;
  /** The protocol version it sends in initialize, and the versions it accepts in the answer. */
  protocol: { requests: string; accepts: readonly string[] };
  tools: ToolRules;
  serverNames?: ServerNameRules;
}
