import type { ExpansionField, ResolvedServer, ServerSpec, VariableUse } from '../model/spec.js';
import { pathApiFor } from './paths.js';
import { expandClaudeCode } from './variables/claude-code.js';
import { envLookup, type Expansion } from './variables/expansion.js';
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

/** Variables expanded into these fields carry credentials in practice; their values are masked in all output. */
const SECRET_FIELDS: ReadonlySet<ExpansionField> = new Set(['env', 'headers', 'url']);
/** In args (`--api-key ${API_KEY}`) only a variable whose name says it is a credential is treated as one. */
const CREDENTIAL_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|_PAT$|^PAT_/i;
/** Locations and identities, not credentials: masking them would only blank out paths in every message. */
const NOT_SECRET = new Set(['PATH', 'HOME', 'USER', 'USERNAME', 'LOGNAME', 'SHELL', 'TERM', 'PWD', 'TMPDIR', 'TEMP', 'TMP', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'LANG', 'NODE_ENV']);

function isSecret(field: ExpansionField, name: string): boolean {
  if (NOT_SECRET.has(name.toUpperCase())) return false;
  return SECRET_FIELDS.has(field) || (field === 'args' && CREDENTIAL_NAME.test(name));
}

/**
 * Expands a server entry the way its client does: Claude Code `${VAR}`/`${VAR:-default}`; VS Code and Cursor
 * `${workspaceFolder}`, `${env:VAR}`, `${input:id}`, …; Claude Desktop documents no expansion, so its values are
 * used literally. Every variable is recorded with the position of its field.
 */
export function resolveServer(spec: ServerSpec, context: ResolveContext): ResolvedServer {
  const expand = dialectOf(spec, context);
  const pathApi = pathApiFor(context.platform);
  const variables: VariableUse[] = [];
  const secretValues = new Set<string>();

  const expandField = (field: ExpansionField, text: string, key?: string): string => {
    const { value, variables: found } = expand(text);
    const position = spec.fieldPositions[key === undefined ? field : `${field}.${key}`] ?? spec.source;
    for (const { value: expanded, ...variable } of found) {
      variables.push({ ...variable, field, ...(key !== undefined ? { key } : {}), position });
      const fromOutside = (variable.kind === 'env' || variable.kind === 'input') && !variable.usedDefault;
      if (fromOutside && expanded && isSecret(field, variable.name)) secretValues.add(expanded);
    }
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
  const env = expandMap('env', spec.env);
  const url = spec.url === undefined ? undefined : expandField('url', spec.url);
  const headers = expandMap('headers', spec.headers);
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

function dialectOf(spec: ServerSpec, context: ResolveContext): (text: string) => Expansion {
  const lookupEnv = envLookup(context.env, context.platform);
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
    case 'claude-desktop':
      return (text) => ({ value: text, variables: [] });
  }
}
