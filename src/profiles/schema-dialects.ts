import type { SchemaRule } from '../model/profile.js';

/**
 * What clients and the model APIs behind them do not take in a tool's `inputSchema`, beyond being valid JSON Schema
 * (which `tool-schemas` judges for every client). Each rule names its source; a keyword no source shows a client
 * rejecting is not a rule here.
 *
 * Checked and left out (no source shows the client breaking on them):
 * - Gemini's "unsupported keywords" (`additionalProperties`, `propertyNames`, `exclusiveMinimum`, `$ref`/`$defs`):
 *   those 400s ("Invalid JSON payload received. Unknown name …") come from clients that send the legacy `parameters`
 *   field (sooperset/mcp-atlassian#626, promptfoo/promptfoo#6902). Gemini CLI sends the MCP schema unchanged as
 *   `parametersJsonSchema` (google-gemini/gemini-cli@5411f113 packages/core/src/tools/mcp-client.ts McpCallableTool,
 *   tools.ts getSchema), which takes JSON Schema; its only rewrite is `type: [T, "null"]` → `nullable`.
 * - Claude Desktop and top-level `oneOf`/`anyOf`/`allOf`: reported to work there (anthropics/claude-code#45106,
 *   ProfSynapse/nexus#6), so that rule is Claude Code's only.
 */

const COMBINATORS = ['oneOf', 'anyOf', 'allOf'] as const;

/** The Anthropic Messages API, as Claude Code passes MCP schemas to it unchanged. */
export const ANTHROPIC_TOP_LEVEL_COMBINATOR: SchemaRule = {
  owner: 'the Anthropic API',
  find: (schema) => {
    const found = COMBINATORS.filter((keyword) => keyword in schema);
    return found.length > 0 ? `${found.map((k) => `"${k}"`).join(', ')} at the top level` : undefined;
  },
  effect: 'rejected',
  consequence:
    'every request of the session fails with 400 "input_schema does not support oneOf, allOf, or anyOf at the top level" ' +
    '(Claude Code sends every tool with every request, sub-agents included)',
  fix:
    'Keep "type": "object" and "properties" at the top and move the alternatives into a property, or express them with a ' +
    'top-level "if"/"then" or "not" (which the API takes), or in the description.',
  source: 'anthropics/claude-code#5319, #5973, #45106',
};

/** A property whose schema is the boolean `true` or `false` (legal JSON Schema: "any value" / "no value"). */
export const CLAUDE_CODE_BOOLEAN_PROPERTY: SchemaRule = {
  owner: 'Claude Code',
  find: (schema) => {
    const properties = schema['properties'];
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return undefined;
    const booleans = Object.entries(properties).filter(([, value]) => typeof value === 'boolean');
    return booleans.length > 0 ? `a boolean schema at ${booleans.map(([name]) => `properties.${name}`).join(', ')}` : undefined;
  },
  effect: 'risky',
  consequence:
    'reported to make Claude Code drop every tool of the server without a message (the SDK-bundled CLI cannot convert a ' +
    'boolean property schema; open as of 2026-09)',
  fix: 'Write the property as {} (any value) or give it a type, instead of true/false.',
  source: 'anthropics/claude-code#92900, #82949',
};

/**
 * A `$ref` that leads back to a schema it is inside of (`#`, or a definition that refers to itself): Gemini CLI's own
 * `hasCycleInSchema` (packages/core/src/tools/tools.ts), which it runs when the Gemini API answers "maximum schema depth
 * exceeded" or "Request contains an invalid argument" (geminiChat.ts maybeIncludeSchemaDepthContext).
 */
export const GEMINI_CYCLIC_REF: SchemaRule = {
  owner: 'the Gemini API',
  find: (schema) => cyclicRef(schema),
  effect: 'rejected',
  consequence:
    'the Gemini API fails every request while the tool is enabled ("maximum schema depth exceeded" or "Request contains ' +
    'an invalid argument"); Gemini CLI then suggests excluding the tool with "excludeTools"',
  fix: 'Bound the recursion: inline a fixed depth of the recursive structure, or type the recursive part as an object without "$ref".',
  source: 'google-gemini/gemini-cli@5411f113 packages/core/src/core/geminiChat.ts, packages/core/src/tools/tools.ts (hasCycleInSchema)',
};

/** Nodes visited at most, so a huge schema costs bounded time. */
const MAX_NODES = 20_000;

/** The first `$ref` that closes a cycle, as Gemini CLI's `hasCycleInSchema` finds it (local `#/…` references only). */
export function cyclicRef(schema: unknown): string | undefined {
  let visited = 0;
  const resolve = (ref: string): unknown => {
    if (!ref.startsWith('#/')) return undefined;
    let current: unknown = schema;
    for (const raw of ref.slice(2).split('/')) {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  };
  const checked = new Set<string>();
  const walk = (node: unknown, path: Set<string>): string | undefined => {
    if (typeof node !== 'object' || node === null || ++visited > MAX_NODES) return undefined;
    if (Array.isArray(node)) {
      for (const item of node) {
        const found = walk(item, path);
        if (found) return found;
      }
      return undefined;
    }
    const ref = (node as Record<string, unknown>)['$ref'];
    if (typeof ref === 'string') {
      if (ref === '#' || ref === '#/' || path.has(ref)) return ref;
      if (!checked.has(ref)) {
        const target = resolve(ref);
        if (target !== undefined) {
          checked.add(ref);
          path.add(ref);
          const found = walk(target, path);
          path.delete(ref);
          if (found) return found;
        }
      }
    }
    for (const value of Object.values(node)) {
      const found = walk(value, path);
      if (found) return found;
    }
    return undefined;
  };
  const found = walk(schema, new Set());
  return found === undefined ? undefined : `a "$ref" cycle through ${JSON.stringify(found).slice(0, 80)}`;
}
