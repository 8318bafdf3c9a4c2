import type { ExpansionField } from '../../model/spec.js';
import { resolveEnvReference, type EnvLookup, type Expansion, type FoundVariable } from './expansion.js';

// Names are word characters, as in Gemini's own patterns. A default cannot contain `{`: that keeps matching linear
// on hostile text such as `${A:-${A:-…` (the same trade-off as the Claude Code dialect).
const SETTINGS_VARIABLE = /\$(?:(\w+)|\{(\w+)(?::-([^{}]*))?\})/g;
const ENV_VARIABLE = /\$(?:(\w+)|\{(\w+)(?::-([^{}]*))?\})|%(\w+)%/g;

/**
 * Gemini CLI's expansion in `.gemini/settings.json`.
 * - Every string: `$VAR`, `${VAR}` and `${VAR:-default}` [doc configuration.md]; an unset variable without a default
 *   stays as written (packages/cli/src/utils/envVarResolver.ts, "undefined variables are left unchanged").
 * - `env` values are expanded once more when the server starts, with `$VAR`, `${VAR}` and `%VAR%`, and there an unset
 *   variable becomes an empty string (packages/core/src/utils/envExpansion.ts `expandEnvVars`).
 * Either way an unset variable is reported as unresolved.
 */
export function expandGemini(text: string, field: ExpansionField, lookupEnv: EnvLookup): Expansion {
  const inEnv = field === 'env';
  const variables: FoundVariable[] = [];
  const value = text.replace(
    inEnv ? ENV_VARIABLE : SETTINGS_VARIABLE,
    (expression, bare: string | undefined, braced: string | undefined, fallback: string | undefined, percent: string | undefined) => {
      const name = (bare ?? braced ?? percent)!;
      return resolveEnvReference(variables, lookupEnv, expression, name, fallback) ?? (inEnv ? '' : expression);
    },
  );
  return { value, variables };
}
