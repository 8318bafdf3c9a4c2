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

/**
 * Every fact below that can fail or warn a server carries `source`: where it was read (a client's source file, its
 * docs, or issue reports). A fact no source documents is not encoded as a rule: the profile says `unknown` instead.
 */
export interface ToolNameRule {
  /** The names the client (or the model API behind it) takes as they are. */
  pattern: RegExp;
  /** The pattern in words, with whose rule it is. */
  text: string;
  /** Its length limit, to say why a name breaks it. */
  max?: number;
  /**
   * What a name outside it leads to: `rejected`/`filtered` fail the server in this client; `tolerated` when the client
   * rewrites names or never hands them to a model API as function names; `unknown` when no source says.
   */
  effect: NameEffect | 'tolerated' | 'unknown';
  source: string;
}

export interface ExposedNameRule {
  /** How the name is shown to the model, e.g. `mcp__<server>__<tool>`. */
  label: string;
  /** The name the client builds from the server and tool names (with its own character replacements). */
  build(server: string, tool: string): string;
  max: number;
  effect: NameEffect;
  source: string;
}

/** A JSON Schema construct a client (or its model API) does not take in a tool's `inputSchema`. */
export interface SchemaRule {
  /** Where the rule comes from in words: `the Anthropic API`, `Gemini CLI`. */
  owner: string;
  /** What in this schema breaks the rule (e.g. `"oneOf" at the top level`), or undefined. */
  find(schema: Record<string, unknown>): string | undefined;
  /** `rejected`: every request of the session fails; `filtered`: tools disappear; `risky`: reported, not certain. */
  effect: 'rejected' | 'filtered' | 'risky';
  /** What the user sees, e.g. `every request fails with 400 "…"`. */
  consequence: string;
  fix: string;
  source: string;
}

export interface ToolRules {
  names: ToolNameRule;
  exposedName?: ExposedNameRule;
  maxTools?: { limit: number; effect: 'truncated' | 'rejected'; note: string };
  /** Rules on `inputSchema` beyond valid JSON Schema (what `tool-schemas` judges for every client). */
  schemas?: readonly SchemaRule[];
}

export interface ServerNameRules {
  /** Names the client's own config refuses (the entry or the whole file does not load). */
  refused?: { regex: RegExp; text: string; where: string; source: string };
  /** Names the config accepts but the client rewrites where the name shows (tool-name prefixes): at most a warning. */
  rewritten?: { regex: RegExp; rewrite(name: string): string; shownAs(rewritten: string): string; note: string; source: string };
  /** Names the client keeps for itself. */
  reserved?: { names: readonly string[]; source: string };
  /** Characters that are allowed but cause trouble, with why. */
  avoid?: { regex: RegExp; why: string; source: string };
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
  /**
   * Whether a source documents that launch. When it does not, `launch` is the MCP SDK's default (the main probe's): a
   * server that fails that launch and works in another client's is `unknown` there, not a failure.
   */
  launchKnown: boolean;
  windowsShims: ShimHandling;
  startup?: StartupBudget;
  /** How long a list request may take (a client that waits less than mcp-preflight's request timeout). */
  listTimeoutMs?: number;
  /** The protocol version it sends in initialize, and the versions it accepts in the answer. */
  protocol: { requests: string; accepts: readonly string[] };
  tools: ToolRules;
  serverNames?: ServerNameRules;
}
