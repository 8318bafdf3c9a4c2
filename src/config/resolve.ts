import type { ExpansionField, ResolvedServer, ServerSpec, VariableUse } from '../model/spec.js';
import { pathApiFor } from './paths.js';
import { expandClaudeCode } from './variables/claude-code.js';
import { expandContinue } from './variables/continue.js';
import { expandEnvPrefix } from './variables/env-prefix.js';
import { envLookup, type EnvLookup, type Expansion } from './variables/expansion.js';
import { expandGemini } from './variables/gemini.js';
import { expandRegistry } from './variables/mcp-registry.js';
import { expandVscode, untildify } from './variables/vscode.js';

export interface ResolveContext {
  /** The runner's environment: where `${VAR}` values come from (never handed to the server wholesale). */
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** The platform the server runs on: decides case-insensitive names and path separators. */
  platform: NodeJS.Platform;
  /** The config file's workspace folder (`ConfigFile.workspaceFolder`). */
  workspaceFolder: string;
}

/** Locations and identities, not credentials: masking them would only blank out paths in every message. */
const NOT_SECRET = new Set([
  'PATH',
  'HOME',
  'USER',
  'USERNAME',
  'LOGNAME',
  'SHELL',
  'TERM',
  'PWD',
  'TMPDIR',
  'TEMP',
  'TMP',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'LANG',
  'NODE_ENV',
]);

/**
 * Every value a variable brings in from outside the file is treated as a secret, whatever field it lands in: a
 * `${DATABASE_URL}` in args carries a password as surely as one in env, and a value in `command` or `cwd` reaches
 * messages too. The report's redaction then applies the short-value rule (report/redact.ts).
 */
function isSecret(name: string, spec: ServerSpec): boolean {
  return spec.secretVariables?.includes(name) === true || !NOT_SECRET.has(name.toUpperCase());
}

/**
 * Expands a server entry the way its client does: Claude Code `${VAR}`/`${VAR:-default}`; VS Code and Cursor
 * `${workspaceFolder}`, `${env:VAR}`, `${input:id}`, …; Gemini `$VAR`; Windsurf and Cline `${env:VAR}`; Continue
 * `${{ secrets.NAME }}`; Claude Desktop, Codex, Zed and Goose expand nothing, so their values are used literally.
 * Variables the client copies from its environment by name (Codex `env_vars` and `bearer_token_env_var`, Goose
 * `env_keys`) are added to env and headers. Every variable is recorded with the position of its field.
 */
export function resolveServer(spec: ServerSpec, context: ResolveContext): ResolvedServer {
  const lookupEnv = envLookup(context.env, context.platform);
  const expand = dialectOf(spec, context, lookupEnv);
  const pathApi = pathApiFor(context.platform);
  const variables: VariableUse[] = [];
  const secretValues = new Set<string>();

  const note = (found: Expansion['variables'], field: ExpansionField, position: VariableUse['position'], key?: string): void => {
    for (const { value: expanded, ...variable } of found) {
      variables.push({ ...variable, field, ...(key !== undefined ? { key } : {}), position });
      const fromOutside = (variable.kind === 'env' || variable.kind === 'input') && !variable.usedDefault;
      if (fromOutside && expanded && isSecret(variable.name, spec)) secretValues.add(expanded);
    }
  };
  const expandField = (field: ExpansionField, text: string, key?: string): string => {
    const { value, variables: found } = expand(text, field);
    note(found, field, spec.fieldPositions[key === undefined ? field : `${field}.${key}`] ?? spec.source, key);
    return value;
  };
  /** A variable the client reads by name: its value, or undefined (recorded as unresolved when `required`). */
  const byName = (name: string, field: ExpansionField, key: string, positionKey: string, required: boolean): string | undefined => {
    const value = lookupEnv(name);
    if (value === undefined && !required) return undefined;
    const found = {
      expression: name,
      name,
      kind: 'env',
      resolved: value !== undefined,
      usedDefault: false,
      ...(value !== undefined && { value }),
    } as const;
    note([found], field, spec.fieldPositions[positionKey] ?? spec.source, key);
    return value;
  };
  const expandMap = (field: 'env' | 'headers', values: Record<string, string>): Record<string, string> => {
    const expanded = Object.create(null) as Record<string, string>;
    for (const [key, value] of Object.entries(values)) expanded[key] = expandField(field, value, key);
    return expanded;
  };
  // VS Code replaces a leading `~` in command, args and cwd.
  const homePath = (value: string): string => (spec.client === 'vscode' ? untildify(value, context.homeDir) : value);

  // In the order the fields are usually written, so that `variables` reads top to bottom.
  const command = spec.command === undefined ? undefined : homePath(expandField('command', spec.command));
  const args = spec.args.map((arg, index) => homePath(expandField('args', arg, String(index))));
  const env = Object.create(null) as Record<string, string>;
  // Codex: passed-through variables first, then the literal `env` table, which wins.
  (spec.envPassthrough ?? []).forEach((name, index) => {
    const value = byName(name, 'env', name, `envPassthrough.${index}`, PASSTHROUGH_REQUIRED.has(spec.client));
    if (value !== undefined) env[name] = value;
  });
  Object.assign(env, expandMap('env', spec.env));
  const url = spec.url === undefined ? undefined : expandField('url', spec.url);
  const headers = expandMap('headers', spec.headers);
  for (const [header, name] of Object.entries(spec.headerEnvVars ?? {})) {
    const value = byName(name, 'headers', header, `headerEnvVars.${header}`, false);
    if (value !== undefined) headers[header] = value;
  }
  if (spec.bearerTokenEnvVar !== undefined) {
    const value = byName(spec.bearerTokenEnvVar, 'headers', 'Authorization', 'bearerTokenEnvVar', true);
    if (value !== undefined) headers.Authorization = `Bearer ${value}`;
  }
  let cwd = spec.cwd;
  // Only a `cwd` written in the file is expanded; the default is a plain folder path.
  if (spec.fieldPositions.cwd !== undefined) {
    const expanded = homePath(expandField('cwd', spec.cwd));
    cwd = pathApi.isAbsolute(expanded) ? expanded : pathApi.join(context.workspaceFolder, expanded);
  }
  return {
    spec,
    ...(command !== undefined ? { command } : {}),
    args,
    env,
    ...(url !== undefined ? { url } : {}),
    headers,
    cwd,
    variables,
    secretValues: [...secretValues],
  };
}

/**
 * Goose fetches every `env_keys` name from its secret store or environment and cannot start the extension without
 * it; Codex passes an `env_vars` name only when it is set.
 */
const PASSTHROUGH_REQUIRED: ReadonlySet<ServerSpec['client']> = new Set(['goose']);

type Dialect = (text: string, field: ExpansionField) => Expansion;

const LITERAL: Dialect = (text) => ({ value: text, variables: [] });

function dialectOf(spec: ServerSpec, context: ResolveContext, lookupEnv: EnvLookup): Dialect {
  switch (spec.client) {
    case 'claude-code':
      return (text) => expandClaudeCode(text, lookupEnv);
    case 'vscode':
    case 'cursor': {
      const variableContext = {
        lookupEnv,
        homeDir: context.homeDir,
        workspaceFolder: context.workspaceFolder,
        pathApi: pathApiFor(context.platform),
        inputs: spec.client === 'vscode',
      };
      return (text) => expandVscode(text, variableContext);
    }
    case 'gemini':
      return (text, field) => expandGemini(text, field, lookupEnv);
    case 'windsurf':
      return (text) => expandEnvPrefix(text, lookupEnv, { unset: 'empty', fileReferences: true });
    case 'cline':
      return (text) => expandEnvPrefix(text, lookupEnv, { unset: 'keep', fileReferences: false });
    case 'continue':
      return (text) => expandContinue(text, lookupEnv);
    case 'mcp-registry':
      return (text) => expandRegistry(text, lookupEnv);
    case 'claude-desktop':
    case 'codex':
    case 'zed':
    case 'goose':
      return LITERAL;
  }
}
