/**
 * What a config file declares, normalized across clients. Produced by `src/config`, consumed by every later layer.
 */

/**
 * The client whose file declared a server; it decides variable syntax, cwd and (later) the launch profile.
 * `mcp-registry` is an MCP Registry `server.json`: no client owns it; its packages are booted the way clients install them.
 */
export type ClientId =
  | 'claude-code'
  | 'claude-desktop'
  | 'cursor'
  | 'vscode'
  | 'gemini'
  | 'codex'
  | 'zed'
  | 'windsurf'
  | 'cline'
  | 'continue'
  | 'goose'
  | 'mcp-registry';

/** Which reader parsed a file. One reader per format lives in `src/config/formats/<format>.ts`. */
export type ConfigFormat = ClientId;

export type TransportKind = 'stdio' | 'http' | 'sse' | 'unknown';

/** 1-based line and column, as editors and GitHub annotations count. */
export interface SourcePosition {
  /** Path relative to the run's root directory, forward slashes (what annotations need). */
  file: string;
  line: number;
  column: number;
}

export interface ConfigError {
  message: string;
  line: number;
  column: number;
}

export interface ConfigFile {
  /** Absolute path on disk. */
  path: string;
  /** Relative to the run's root directory, forward slashes. */
  displayPath: string;
  format: ConfigFormat;
  client: ClientId;
  /** The folder that `${workspaceFolder}` names and the default cwd of its servers. */
  workspaceFolder: string;
  /** Set when the file could not be read or parsed (then `servers` is empty). */
  error?: ConfigError;
  servers: ServerSpec[];
  /** Entries past the run's bound (`ConfigLocation.maxEntries`): counted, not read; the run stops on them. */
  entriesNotRead?: number;
  /** VS Code `inputs` ids declared in the file. */
  inputs: string[];
}

/** One server entry exactly as declared (before variable expansion). */
export interface ServerSpec {
  name: string;
  client: ClientId;
  /** Display path of the declaring file. */
  config: string;
  /** Where the entry's key is declared. */
  source: SourcePosition;
  /**
   * Positions of individual fields, keyed like `command`, `args.1`, `env.API_KEY`, `url`, `headers.Authorization`,
   * `type`, `cwd`, `disabled` (the flag that turned it off), and the optional fields below by their own names
   * (`startupTimeoutMs`, `includeTools.0`, `envPassthrough.1`, `bearerTokenEnvVar`, `headerEnvVars.X-Key`).
   */
  fieldPositions: Record<string, SourcePosition>;
  transport: TransportKind;
  /** The raw `type` value, when one was given. */
  declaredType?: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  /** VS Code `"env": { "X": null }`: variables removed from what the server would otherwise inherit. */
  unsetEnv?: string[];
  url?: string;
  headers: Record<string, string>;
  /** Absolute working directory the server is launched in (unexpanded template allowed, see resolve). */
  cwd: string;
  /** Problems with the entry's shape found while normalizing (wrong types, unknown type); judged by `config-schema`. */
  schemaProblems: SchemaProblem[];
  /** `disabled: true` and similar: listed, not launched. */
  disabled: boolean;
  /**
   * Milliseconds the client waits for the server to start and answer `initialize`, when the entry sets it (Codex
   * `startup_timeout_sec`/`_ms`, Gemini `timeout`, Continue `connectionTimeout`, Goose `timeout`). Absent: the
   * client's default applies.
   */
  startupTimeoutMs?: number;
  /**
   * Milliseconds the client waits for one tool call, when the entry sets it (Codex `tool_timeout_sec`, Gemini
   * `timeout`, Zed `timeout`, Cline `timeout`, Goose `timeout`).
   */
  toolTimeoutMs?: number;
  /** Only these tools are offered to the model (Gemini `includeTools`, Codex `enabled_tools`, Goose `available_tools`). */
  includeTools?: string[];
  /** These tools are hidden from the model; they win over `includeTools` (Gemini `excludeTools`, Codex `disabled_tools`). */
  excludeTools?: string[];
  /**
   * Names of variables the client copies from its own environment into the server's (Codex `env_vars`, Goose
   * `env_keys`); resolve adds the ones that are set to the server's env. Positions under `envPassthrough.<index>`.
   */
  envPassthrough?: string[];
  /** Codex `bearer_token_env_var`: the variable whose value is sent as `Authorization: Bearer <value>`. */
  bearerTokenEnvVar?: string;
  /** Codex `env_http_headers`: header name → the variable whose value is sent in it. */
  headerEnvVars?: Record<string, string>;
  /**
   * `server.json` only: `local-build` when the repository is the server's own package (a `package.json` next to
   * `server.json` names the npm package and has a `bin`, which is run with `node`); `package` when the published
   * package is booted through its runner (`npx`, `uvx`, `docker`, `dnx`).
   */
  launchedFrom?: 'local-build' | 'package';
  /** Variables whose values are secrets wherever they are expanded (`server.json` inputs with `isSecret`). */
  secretVariables?: string[];
}

export interface SchemaProblem {
  message: string;
  position: SourcePosition;
}

/** Where a value was expanded. */
export type ExpansionField = 'command' | 'args' | 'env' | 'url' | 'headers' | 'cwd';

export interface VariableUse {
  /** The expression as written, e.g. `${GITHUB_TOKEN}`, `${env:HOME}`, `${input:api-key}`. */
  expression: string;
  /** Variable name (for `${env:X}` and `${X}` the environment variable; for `${input:id}` the id). */
  name: string;
  kind: 'env' | 'input' | 'builtin';
  field: ExpansionField;
  /** Sub-key: the env/headers key or the args index. */
  key?: string;
  position: SourcePosition;
  /** The variable had a value (from the environment, a default, or a builtin). */
  resolved: boolean;
  usedDefault: boolean;
}

/** A server entry after expansion in its client's dialect; what gets launched. */
export interface ResolvedServer {
  spec: ServerSpec;
  command?: string;
  args: string[];
  env: Record<string, string>;
  url?: string;
  headers: Record<string, string>;
  cwd: string;
  variables: VariableUse[];
  /** Values that came from expanding a variable into env, headers or url: never printed. */
  secretValues: string[];
}
