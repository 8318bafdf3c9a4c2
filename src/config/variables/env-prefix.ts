import { resolveEnvReference, type EnvLookup, type Expansion, type FoundVariable } from './expansion.js';

export interface EnvPrefixDialect {
  /** What an unset `${env:VAR}` becomes: an empty string (Windsurf) or the text as written (Cline). */
  unset: 'empty' | 'keep';
  /** `${file:/path}` is a variable of this client (Windsurf). */
  fileReferences: boolean;
}

// No `{` inside a name: keeps matching linear on hostile text such as `${${${…`.
const VARIABLE = /\$\{([^{}]+)\}/g;
const ENV_PREFIX = 'env:';
const FILE_PREFIX = 'file:';

/**
 * `${env:VAR}` as Windsurf and Cline expand it, in every string of an entry; any other `${…}` is left alone.
 * Windsurf's `${file:/path}` (the trimmed content of a file) is not read by mcp-preflight: a config must not make it
 * read files on the runner, so the text stays as written and is reported as an unresolved builtin.
 */
export function expandEnvPrefix(text: string, lookupEnv: EnvLookup, dialect: EnvPrefixDialect): Expansion {
  const variables: FoundVariable[] = [];
  const value = text.replace(VARIABLE, (expression, inner: string) => {
    if (inner.startsWith(ENV_PREFIX)) {
      const name = inner.slice(ENV_PREFIX.length);
      return resolveEnvReference(variables, lookupEnv, expression, name) ?? (dialect.unset === 'empty' ? '' : expression);
    }
    if (dialect.fileReferences && inner.startsWith(FILE_PREFIX)) {
      variables.push({ expression, name: inner, kind: 'builtin', resolved: false, usedDefault: false });
    }
    return expression;
  });
  return { value, variables };
}
