import { resolveEnvReference, type EnvLookup, type Expansion, type FoundVariable } from './expansion.js';

// No braces inside: keeps matching linear on hostile text such as `${{${{…`.
const TEMPLATE = /\$\{\{([^{}]*)\}\}/g;
const REFERENCE = /^(?:secrets|inputs)\.([A-Za-z0-9_.-]+)$/;

/**
 * Continue's `${{ secrets.NAME }}` and `${{ inputs.NAME }}` templates. Continue fills them from its secret store and
 * the block's inputs; a non-interactive run takes both from the environment variable NAME (Continue converts a JSON
 * config's `${NAME}` into `${{ secrets.NAME }}` the same way, packages/config-yaml/src/schemas/mcp/convertJson.ts).
 * An unset one stays as written and is reported as unresolved; any other template is an unresolved builtin.
 */
export function expandContinue(text: string, lookupEnv: EnvLookup): Expansion {
  const variables: FoundVariable[] = [];
  const value = text.replace(TEMPLATE, (expression, inner: string) => {
    const name = REFERENCE.exec(inner.trim())?.[1];
    if (name === undefined) {
      variables.push({ expression, name: inner.trim(), kind: 'builtin', resolved: false, usedDefault: false });
      return expression;
    }
    return resolveEnvReference(variables, lookupEnv, expression, name) ?? expression;
  });
  return { value, variables };
}
