import type { Check, CheckOutcome, CheckStatus } from '../model/check.js';
import type { ClientProfile, SchemaRule } from '../model/profile.js';
import type { ServerSpec } from '../model/spec.js';
import { selectProfiles } from '../profiles/index.js';
import { isPlainObject } from './util/messages.js';
import { fail, pass, skip, warn } from './util/outcome.js';
import { dialectOf, MAX_COMPILED_SCHEMAS, SchemaJudge } from './util/schema-compiler.js';
import { count, excerpt, jsonExcerpt, listSome, quoted } from './util/text.js';
import { type ListedTool, listedTools, offeredBy, toolLabel } from './util/tools.js';

interface Problem {
  status: CheckStatus;
  tool: string;
  text: string;
  /** Not an object schema at all (what the SDK client's result validation rejects), as opposed to not compiling. */
  shape: boolean;
}

type SchemaField = 'inputSchema' | 'outputSchema';

interface Tally {
  dialects: Map<string, number>;
  /** Schemas past the compile budget, validated against their meta-schema only. */
  notCompiled: number;
}

function judgeSchema(tool: ListedTool, field: SchemaField, schema: unknown, judge: SchemaJudge, tally: Tally): Problem | undefined {
  const label = toolLabel(tool, (s) => quoted(s, 60));
  const problem = (status: CheckStatus, text: string, shape = false) => ({
    status,
    tool: label,
    text: `${label} ${field}: ${text}`,
    shape,
  });
  if (!isPlainObject(schema)) return problem('fail', `is ${jsonExcerpt(schema, 40)}, not a JSON Schema object`, true);
  if (schema['type'] !== 'object') {
    const type = schema['type'] === undefined ? 'has no "type"' : `has "type": ${jsonExcerpt(schema['type'], 40)}`;
    return problem('fail', `${type}; MCP requires "type": "object" at the root`, true);
  }
  const declared = schema['$schema'];
  const dialect = dialectOf(declared);
  if (dialect === undefined) {
    return problem(
      'warn',
      `declares the dialect ${jsonExcerpt(declared, 80)}, which clients are not required to support; declare draft-07 or 2020-12`,
    );
  }
  const compiled = judge.judge(schema, dialect);
  if (!compiled.ok) {
    return compiled.missingRef
      ? problem('warn', `has a $ref that cannot be resolved without fetching it (${excerpt(compiled.message, 160)}); inline it under $defs`)
      : problem('fail', `does not compile as ${dialect}: ${excerpt(compiled.message, 200)}`);
  }
  tally.dialects.set(dialect, (tally.dialects.get(dialect) ?? 0) + 1);
  if (compiled.checkedBy === 'meta-schema') tally.notCompiled++;
  return undefined;
}

/**
 * The selected clients' own schema rules (the Anthropic API's, Gemini's…): one finding per client that breaks, naming
 * every tool with the construct and the source of the rule.
 */
function dialectOutcome(profile: ClientProfile, tools: readonly ListedTool[], spec: ServerSpec): CheckOutcome | undefined {
  const rules = profile.tools.schemas ?? [];
  if (rules.length === 0) return undefined;
  const offered = offeredBy(profile, spec);
  const hits = new Map<SchemaRule, string[]>();
  for (const tool of tools) {
    const raw = isPlainObject(tool.raw) ? tool.raw : {};
    const schema = raw['inputSchema'];
    if (!isPlainObject(schema) || (typeof tool.name === 'string' && !offered(tool.name))) continue;
    for (const rule of rules) {
      const found = rule.find(schema);
      if (found) hits.set(rule, [...(hits.get(rule) ?? []), `${toolLabel(tool, (n) => quoted(n, 60))} (${found})`]);
    }
  }
  if (hits.size === 0) return undefined;
  const parts = [...hits].map(
    ([rule, broken]) =>
      `${count(broken.length, 'tool breaks', 'tools break')} a rule of ${rule.owner}: ${listSome(broken, 8)}; ${rule.consequence} ` +
      `(${rule.source}). Fix: ${rule.fix}`,
  );
  const certain = [...hits.keys()].some((rule) => rule.effect !== 'risky');
  return { ...(certain ? fail : warn)(`${profile.name}: ${parts.join(' ')}`, { position: spec.source }), client: profile.id };
}

export const toolSchemas: Check = {
  id: 'tool-schemas',
  title: "Tool schemas compile and fit each selected client's dialect",
  remediation:
    'Give every tool an `inputSchema` that is a JSON Schema object with `"type": "object"` at the root (`{"type": "object", ' +
    '"properties": {}}` for no parameters), valid in its `$schema` dialect (2020-12 when none is declared); the same holds ' +
    'for `outputSchema`. Clients add rules of their own: no `oneOf`/`anyOf`/`allOf` at the top of an `inputSchema` (the ' +
    'Anthropic API), no `$ref` cycles (the Gemini API).',
  requires: ['tools-list'],
  needsTranscript: true,
  run({ server, transcript, profiles }) {
    if (!transcript) return skip('The server was not launched.');
    const { tools, total } = listedTools(transcript);
    if (tools.length === 0) return pass('No tools to judge.');
    const selected = profiles ?? selectProfiles([], server.spec.client);
    const perClient = selected.flatMap((profile) => dialectOutcome(profile, tools, server.spec) ?? []);
    const general = judgeAll(tools, total);
    return perClient.length > 0 ? [general, ...perClient] : general;
  },
};

/** Every schema against MCP's rules and its own JSON Schema dialect: what every client needs. */
function judgeAll(tools: readonly ListedTool[], total: number): CheckOutcome {
  const judge = new SchemaJudge();
  const tally: Tally = { dialects: new Map(), notCompiled: 0 };
  const problems: Problem[] = [];
  let outputs = 0;
  for (const tool of tools) {
    const raw = isPlainObject(tool.raw) ? tool.raw : {};
    const input = judgeSchema(tool, 'inputSchema', raw['inputSchema'], judge, tally);
    if (input) problems.push(input);
    if ('outputSchema' in raw && raw['outputSchema'] !== undefined) {
      outputs++;
      const output = judgeSchema(tool, 'outputSchema', raw['outputSchema'], judge, tally);
      if (output) problems.push(output);
    }
  }
  const partial = total > tools.length ? ` (checked the first ${tools.length} of ${total} tools)` : '';
  if (problems.length === 0) {
    const byDialect = [...tally.dialects].map(([d, n]) => `${d}: ${n}`).join(', ');
    const budget =
      tally.notCompiled > 0
        ? ` ${count(tally.notCompiled, 'schema')} beyond the first ${MAX_COMPILED_SCHEMAS} distinct ones were validated against their meta-schema, not compiled.`
        : '';
    return pass(
      `${count(tools.length, 'input schema')}${outputs > 0 ? ` and ${count(outputs, 'output schema')}` : ''} are object schemas that compile (${byDialect})${partial}.${budget}`,
    );
  }
  const failing = problems.filter((p) => p.status === 'fail');
  const evidence = problems.slice(0, 10).map((p) => p.text);
  if (problems.length > 10) evidence.push(`… and ${problems.length - 10} more`);
  if (failing.length === 0) {
    return warn(
      `${count(problems.length, 'schema')} may not work in every client${partial}: ${listSome([...new Set(problems.map((p) => p.tool))])}.`,
      { evidence },
    );
  }
  const failingTools = [...new Set(failing.map((p) => p.tool))];
  const effect = failing.some((p) => p.shape)
    ? 'The MCP SDK client rejects the whole tools/list result when one schema is not an object schema, so every tool of this server disappears.'
    : 'Clients that validate arguments and model APIs that receive the schema reject schemas that do not compile.';
  return fail(`${count(failingTools.length, 'tool has', 'tools have')} invalid schemas${partial}: ${listSome(failingTools)}. ${effect}`, {
    evidence,
  });
}
