import { resolveEnvReference, type EnvLookup, type Expansion, type FoundVariable } from './expansion.js';

/**
 * Claude Code's `${VAR}` and `${VAR:-default}` (docs: command, args, env, url, headers of `.mcp.json`). Bare `$VAR`
 * is never expanded, and forms that are not an identifier (`${var%pattern}`) are left alone, as Claude Code does.
 * A variable that is set, even to an empty string, wins over its default. An unset variable without a default
 * stays as literal text in Claude Code; here it is also reported as unresolved.
 */
// A default cannot contain `{`: that keeps matching linear on hostile text such as `${A:-${A:-…`, and only gives up
// nested defaults (`${A:-${B}}`), which Claude Code itself expands only in headers.
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^{}]*))?\}/g;

export function expandClaudeCode(text: string, lookupEnv: EnvLookup): Expansion {
  const variables: FoundVariable[] = [];
  const value = text.replace(
    VARIABLE,
    (expression, name: string, fallback: string | undefined) =>
      resolveEnvReference(variables, lookupEnv, expression, name, fallback) ?? expression,
  );
  return { value, variables };
}
