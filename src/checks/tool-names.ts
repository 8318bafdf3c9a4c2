import type { Check } from '../model/check.js';
import { fail, pass, skip, warn } from './util/outcome.js';
import { listedTools } from './util/tools.js';
import { count, excerpt, listSome, quoted } from './util/text.js';

/** What the Anthropic and OpenAI APIs accept as a tool (function) name. */
const MODEL_API_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_NAME = 64;

function whyInvalid(name: string): string {
  if (name.length === 0) return 'empty';
  if (name.length > MAX_NAME) return `${name.length} chars`;
  const bad = [...new Set(Array.from(name).filter((c) => !/[a-zA-Z0-9_-]/.test(c)))];
  return bad.map((c) => (c === ' ' ? 'space' : JSON.stringify(c))).join(', ');
}

export const toolNames: Check = {
  id: 'tool-names',
  title: 'Tool names are unique and valid for model APIs',
  remediation:
    'Name tools with letters, digits, `_` and `-` only, at most 64 characters, unique within the server. Keep ' +
    '`mcp__<server>__<tool>` within 64 characters too: Claude Code sends that prefixed name to the API.',
  requires: ['tools-list'],
  needsTranscript: true,
  run({ server, transcript }) {
    if (!transcript) return skip('The server was not launched.');
    const { tools, total } = listedTools(transcript);
    if (tools.length === 0) return pass('No tools to judge.');
    const problems: string[] = [];
    const unnamed = tools.filter((t) => typeof t.name !== 'string').map((t) => `#${t.index}`);
    if (unnamed.length > 0) problems.push(`${count(unnamed.length, 'tool has', 'tools have')} no string "name" (${listSome(unnamed)}).`);
    const names = tools.flatMap((t) => (typeof t.name === 'string' ? [t.name] : []));
    const invalid = names.filter((n) => !MODEL_API_NAME.test(n));
    if (invalid.length > 0) {
      problems.push(
        `${count(invalid.length, 'name')} not accepted by the Anthropic and OpenAI APIs (^[a-zA-Z0-9_-]{1,64}$): ` +
          `${listSome(invalid.map((n) => `${quoted(n, 70)} (${whyInvalid(n)})`))}. ` +
          (invalid.some((n) => n.includes('.')) ? 'MCP itself allows "." (SEP-986), but clients ' : 'Clients ') +
          'hand the names to a model API: some rewrite them, others fail the request with a 400 error.',
      );
    }
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const name of names) (seen.has(name) ? repeated : seen).add(name);
    const duplicates = [...repeated];
    if (duplicates.length > 0) {
      problems.push(
        `Duplicate names: ${listSome(duplicates.map((n) => quoted(n)))} — clients keep one and lose the other, or reject the list.`,
      );
    }
    const prefix = `mcp__${server.spec.name}__`;
    const long = names.filter((n) => MODEL_API_NAME.test(n) && prefix.length + n.length > MAX_NAME);
    const longText =
      long.length > 0
        ? `${count(long.length, 'tool name is', 'tool names are')} longer than 64 characters once Claude Code prefixes ` +
          `${long.length === 1 ? 'it' : 'them'} as ${excerpt(prefix, 70)}<tool> (${listSome(long.map((n) => `${quoted(n)}: ${prefix.length + n.length} chars`))}), ` +
          'and the API then rejects every request with "String should have at most 64 characters". Shorten the server name ' +
          'in the config or the tool names.'
        : '';
    const partial = total > tools.length ? ` (checked the first ${tools.length} of ${total})` : '';
    if (problems.length > 0) {
      return fail([...problems, longText].filter(Boolean).join(' '));
    }
    if (longText) return warn(longText, { position: server.spec.source });
    return pass(`${count(names.length, 'tool name')} unique and valid${partial}.`);
  },
};
