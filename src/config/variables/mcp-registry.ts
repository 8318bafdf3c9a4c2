import type { EnvLookup, Expansion, FoundVariable } from './expansion.js';
import { inputEnvName } from './vscode.js';

// Names of inputs contain no braces and defaults no `{`: linear matching on hostile text.
const VARIABLE = /\$\{(?:input:([^{}]+)|([A-Za-z_][A-Za-z0-9_]*)(?::-([^{}]*))?)\}/g;

/**
 * The references the `server.json` reader writes into a spec (the manifest itself has only `{name}` placeholders):
 * `${NAME}` / `${NAME:-default}` for a declared environment variable, taken from the runner's environment, and
 * `${input:id}` for a value the user is asked for at install time, taken from `MCP_PREFLIGHT_INPUT_<ID>` as for
 * VS Code inputs. Unset ones stay as written and are reported as unresolved.
 */
export function expandRegistry(text: string, lookupEnv: EnvLookup): Expansion {
  const variables: FoundVariable[] = [];
  const value = text.replace(VARIABLE, (expression, input: string | undefined, name: string | undefined, fallback: string | undefined) => {
    if (input !== undefined) {
      const fromInput = lookupEnv(inputEnvName(input));
      variables.push(found(expression, input, 'input', fromInput, false));
      return fromInput ?? expression;
    }
    const fromEnv = lookupEnv(name!);
    const resolved = fromEnv ?? fallback;
    variables.push(found(expression, name!, 'env', resolved, fromEnv === undefined && fallback !== undefined));
    return resolved ?? expression;
  });
  return { value, variables };
}

function found(expression: string, name: string, kind: 'env' | 'input', value: string | undefined, usedDefault: boolean): FoundVariable {
  return { expression, name, kind, resolved: value !== undefined, usedDefault, ...(value !== undefined ? { value } : {}) };
}
