import type { PathApi } from '../paths.js';
import type { EnvLookup, Expansion, FoundVariable } from './expansion.js';

export interface VscodeVariableContext {
  lookupEnv: EnvLookup;
  homeDir: string;
  workspaceFolder: string;
  pathApi: PathApi;
  /** `${input:id}` is a variable (VS Code). Cursor has no inputs: there the text stays as written. */
  inputs: boolean;
}

// No `{` inside a name: keeps matching linear on hostile text such as `${${${…` (a lazy `.*?` is quadratic there).
const VARIABLE = /\$\{([^{}]+)\}/g;
const INPUT_PREFIX = 'input:';
const ENV_PREFIX = 'env:';

/**
 * VS Code's (and Cursor's) variables in mcp.json: `${workspaceFolder}`, `${workspaceFolderBasename}`, `${userHome}`,
 * `${pathSeparator}`, `${/}`, `${env:VAR}` and `${input:id}`.
 * - `${env:VAR}` of an unset variable becomes an empty string, as in VS Code, and is reported as unresolved.
 * - `${input:id}` is prompted for in VS Code; a non-interactive run takes it from `MCP_PREFLIGHT_INPUT_<ID>` (see
 *   `inputEnvName`), otherwise it stays as written and is reported as unresolved.
 * - Any other `${…}` (`${config:…}`, `${command:…}`, a Claude Code style `${TOKEN}`) is not expanded for MCP servers;
 *   it stays as written and is reported as an unresolved builtin.
 */
export function expandVscode(text: string, context: VscodeVariableContext): Expansion {
  const variables: FoundVariable[] = [];
  const value = text.replace(VARIABLE, (expression, name: string) => {
    const found = resolveVariable(expression, name, context);
    if (found === undefined) return expression;
    variables.push(found);
    return found.value ?? (found.kind === 'env' ? '' : expression);
  });
  return { value, variables };
}

function resolveVariable(expression: string, name: string, context: VscodeVariableContext): FoundVariable | undefined {
  const found = (kind: FoundVariable['kind'], variable: string, value: string | undefined): FoundVariable => ({
    expression,
    name: variable,
    kind,
    resolved: value !== undefined,
    usedDefault: false,
    ...(value !== undefined ? { value } : {}),
  });
  if (name.startsWith(ENV_PREFIX)) {
    const variable = name.slice(ENV_PREFIX.length);
    return found('env', variable, context.lookupEnv(variable));
  }
  if (name.startsWith(INPUT_PREFIX)) {
    if (!context.inputs) return undefined;
    const id = name.slice(INPUT_PREFIX.length);
    return found('input', id, context.lookupEnv(inputEnvName(id)));
  }
  return found('builtin', name, builtinValue(name, context));
}

function builtinValue(name: string, { workspaceFolder, homeDir, pathApi }: VscodeVariableContext): string | undefined {
  switch (name) {
    case 'workspaceFolder':
      return workspaceFolder;
    case 'workspaceFolderBasename':
      return pathApi.basename(workspaceFolder);
    case 'userHome':
      return homeDir;
    case 'pathSeparator':
    case '/':
      return pathApi.sep;
    default:
      return undefined;
  }
}

/**
 * The environment variable that supplies `${input:<id>}` to a non-interactive run: `MCP_PREFLIGHT_INPUT_` + the id
 * upper-cased with every character other than A-Z and 0-9 replaced by `_` (`api-key` → `MCP_PREFLIGHT_INPUT_API_KEY`).
 */
export function inputEnvName(id: string): string {
  return `MCP_PREFLIGHT_INPUT_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The ids of every `${input:id}` in a string. */
export function inputReferences(text: string): string[] {
  return [...text.matchAll(VARIABLE)].flatMap(([, name]) => (name?.startsWith(INPUT_PREFIX) ? [name.slice(INPUT_PREFIX.length)] : []));
}

/** VS Code replaces a leading `~` in command, args and cwd with the home directory. */
export function untildify(value: string, homeDir: string): string {
  return value.replace(/^~(?=$|\/|\\)/, () => homeDir);
}
