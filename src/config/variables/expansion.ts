import type { VariableUse } from '../../model/spec.js';

/** A variable found in one string, before resolve ties it to a field and a position. */
export interface FoundVariable extends Pick<VariableUse, 'expression' | 'name' | 'kind' | 'resolved' | 'usedDefault'> {
  /** What the expression was replaced with, when it resolved. */
  value?: string;
}

export interface Expansion {
  value: string;
  variables: FoundVariable[];
}

export type EnvLookup = (name: string) => string | undefined;

/**
 * Looks names up in `env`. On Windows environment names are case-insensitive (Node's `process.env` and VS Code's
 * expansion both ignore case there), so an exact match wins and any casing is accepted otherwise.
 */
export function envLookup(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): EnvLookup {
  if (platform !== 'win32') return (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
  const byUpperName = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(env)) {
    if (!byUpperName.has(name.toUpperCase())) byUpperName.set(name.toUpperCase(), value);
  }
  return (name) => (Object.hasOwn(env, name) ? env[name] : byUpperName.get(name.toUpperCase()));
}

/**
 * Resolves one environment reference (`${NAME}`, `${NAME:-default}`, `${env:NAME}`…) and records it: a set variable,
 * even an empty one, wins over the default. Returns the value, or undefined when the variable is unset and has no
 * default (each dialect then decides what the text becomes).
 */
export function resolveEnvReference(
  found: FoundVariable[],
  lookupEnv: EnvLookup,
  expression: string,
  name: string,
  fallback?: string,
): string | undefined {
  const fromEnv = lookupEnv(name);
  const value = fromEnv ?? fallback;
  const usedDefault = fromEnv === undefined && fallback !== undefined;
  found.push({ expression, name, kind: 'env', resolved: value !== undefined, usedDefault, ...(value !== undefined && { value }) });
  return value;
}
