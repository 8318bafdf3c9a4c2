/**
 * The environment a stdio server gets: what the MCP SDK's StdioClientTransport passes (a short allow-list of the
 * host's variables) plus the config's `env` block. Nothing else from the host may leak (CI tokens, INPUT_*, GITHUB_*).
 * Client profiles select other policies (Codex's allow-list, a client's whole environment, the macOS GUI PATH); the
 * SDK allow-list stays the default.
 */
import type { EnvPolicy } from '../model/profile.js';

/** `DEFAULT_INHERITED_ENV_VARS` of @modelcontextprotocol/sdk (client/stdio.js), per platform family. */
export const SDK_INHERITED_ENV_VARS = {
  posix: ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'],
  win32: [
    'APPDATA',
    'HOMEDRIVE',
    'HOMEPATH',
    'LOCALAPPDATA',
    'PATH',
    'PROCESSOR_ARCHITECTURE',
    'SYSTEMDRIVE',
    'SYSTEMROOT',
    'TEMP',
    'USERNAME',
    'USERPROFILE',
    'PROGRAMFILES',
  ],
} as const;

/**
 * Codex CLI's `DEFAULT_ENV_VARS` (Unix) and `WINDOWS_CORE_ENV_VARS`: it clears the environment and passes only these
 * (plus `env_vars` and `env`). Source: openai/codex `codex-rs/rmcp-client/src/utils.rs`.
 */
export const CODEX_INHERITED_ENV_VARS = {
  posix: ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'USER', '__CF_USER_TEXT_ENCODING', 'LANG', 'LC_ALL', 'TERM', 'TMPDIR', 'TZ'],
  win32: [
    'PATH',
    'PATHEXT',
    'SHELL',
    'COMSPEC',
    'SYSTEMROOT',
    'SYSTEMDRIVE',
    'USERNAME',
    'USERDOMAIN',
    'USERPROFILE',
    'HOMEDRIVE',
    'HOMEPATH',
    'PROGRAMFILES',
    'PROGRAMFILES(X86)',
    'PROGRAMW6432',
    'PROGRAMDATA',
    'LOCALAPPDATA',
    'APPDATA',
    'TEMP',
    'TMP',
    'TMPDIR',
    'POWERSHELL',
    'PWSH',
  ],
} as const;

/** launchd's default PATH (`sysctl user.cs_path`): what a macOS app opened from the Dock or Finder gets. */
export const MACOS_GUI_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';

/**
 * Variables the `full` policy still withholds: a client's whole environment on a developer machine is modelled, but a
 * CI runner's credentials and workflow variables must never reach a server. The name patterns are Gemini CLI's
 * redaction list (docs/tools/mcp-server.md) plus the GitHub Actions prefixes.
 */
const WITHHELD_NAMES = /TOKEN|SECRET|PASSWORD|PASSWD|KEY|AUTH|CREDENTIAL|COOKIE|SESSION|PRIVATE/i;
const WITHHELD_PREFIXES = /^(?:GITHUB_|INPUT_|ACTIONS_|RUNNER_)/i;

export function isWithheldFromFullEnvironment(name: string): boolean {
  return WITHHELD_NAMES.test(name) || WITHHELD_PREFIXES.test(name);
}

export interface ServerEnvironmentInput {
  platform: NodeJS.Platform;
  /** The runner's environment (only the allow-list is read from it). */
  hostEnv: NodeJS.ProcessEnv;
  /** The config's resolved `env` block; it wins over inherited values. */
  configEnv: Record<string, string>;
  /** An empty directory to use as HOME (USERPROFILE on Windows), for `--fresh-home`. */
  freshHomeDir?: string;
  /** Which host variables are inherited (default `sdk`, the MCP SDK's allow-list). */
  policy?: EnvPolicy;
  /** Replaces the inherited PATH (e.g. `MACOS_GUI_PATH`); the config's `env` still wins. */
  pathOverride?: string;
  /** Inherited variables the config removes (VS Code's `"X": null`). */
  unset?: readonly string[];
}

/** Builds the server's environment. Pure: platform and host environment are injected. */
export function buildServerEnvironment(input: ServerEnvironmentInput): Record<string, string> {
  const windows = input.platform === 'win32';
  const env: Record<string, string> = {};
  // Like the SDK: skip unset values and exported shell functions (`() { …}`), which are a security risk.
  const inherit = (name: string, value: string | undefined) => {
    if (value !== undefined && !value.startsWith('()')) env[name] = value;
  };
  const policy = input.policy ?? 'sdk';
  if (policy === 'full') {
    for (const [name, value] of Object.entries(input.hostEnv)) if (!isWithheldFromFullEnvironment(name)) inherit(name, value);
  } else {
    const lists = policy === 'codex' ? CODEX_INHERITED_ENV_VARS : SDK_INHERITED_ENV_VARS;
    for (const name of windows ? lists.win32 : lists.posix) inherit(name, lookupEnv(input.hostEnv, name, input.platform));
  }
  for (const name of input.unset ?? []) deleteVariable(env, name, windows);
  if (input.pathOverride !== undefined) setVariable(env, 'PATH', input.pathOverride, windows);
  if (input.freshHomeDir !== undefined) setVariable(env, windows ? 'USERPROFILE' : 'HOME', input.freshHomeDir, windows);
  for (const [name, value] of Object.entries(input.configEnv)) setVariable(env, name, value, windows);
  return env;
}

/** Removes a variable (in any casing on Windows, where names are case-insensitive). */
function deleteVariable(env: Record<string, string>, name: string, windows: boolean): void {
  for (const existing of Object.keys(env)) {
    if (existing === name || (windows && existing.toUpperCase() === name.toUpperCase())) delete env[existing];
  }
}

/**
 * Sets a variable. Windows names are case-insensitive: a config `Path` must replace the inherited `PATH`, not sit
 * beside it (Node would then pick one of the two by sort order).
 */
function setVariable(env: Record<string, string>, name: string, value: string, windows: boolean): void {
  if (windows) {
    for (const existing of Object.keys(env)) {
      if (existing.toUpperCase() === name.toUpperCase()) delete env[existing];
    }
  }
  env[name] = value;
}

/** Reads a variable the way the platform does: exact name on POSIX, case-insensitive on Windows. */
export function lookupEnv(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  if (env[name] !== undefined || platform !== 'win32') return env[name];
  // Node sorts Windows environment keys and uses the first case-insensitive match.
  const key = Object.keys(env)
    .sort()
    .find((candidate) => candidate.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

/** The entries of the PATH the server receives, split on the platform's delimiter (empty entries dropped). */
export function pathEntriesOf(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const value = lookupEnv(env, 'PATH', platform) ?? '';
  return value.split(platform === 'win32' ? ';' : ':').filter((entry) => entry !== '');
}
