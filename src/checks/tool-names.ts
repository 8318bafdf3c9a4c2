import type { Check, CheckOutcome } from '../model/check.js';
import type { ClientProfile, NameEffect } from '../model/profile.js';
import { selectProfiles } from '../profiles/index.js';
import { fail, pass, skip, warn } from './util/outcome.js';
import { count, listSome, quoted } from './util/text.js';
import { listedTools, offeredBy, toolNameList } from './util/tools.js';

/**
 * Tool names are judged per client: the MCP spec (2025-11-25) says a name SHOULD match `[A-Za-z0-9_.-]{1,128}`, and
 * what else a name must be depends on the client and the model API behind it. A name is a failure only where a
 * selected client rejects or drops it; one the spec allows and no selected client rejects is fine.
 */

const SPEC_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** `"."`, `space`, `70 chars`: why a name breaks a rule, judged character by character. */
function whyInvalid(name: string, allowed: (char: string) => boolean, max: number): string {
  if (name.length === 0) return 'empty';
  const bad = [...new Set(Array.from(name).filter((c) => !allowed(c)))];
  const chars = bad.map((c) => (c === ' ' ? 'space' : JSON.stringify(c)));
  return [...chars, ...(name.length > max ? [`${name.length} chars`] : [])].join(', ');
}

const named = (names: string[], why: (name: string) => string) => listSome(names.map((n) => `${quoted(n, 70)} (${why(n)})`));

const consequences: Record<'rejected' | 'filtered', (profile: ClientProfile, n: number) => string> = {
  rejected: () => 'every request fails while the server is enabled, so the whole server is unusable there',
  filtered: (profile, n) => `${profile.name} leaves ${n === 1 ? 'that tool' : 'those tools'} out`,
};

/** Names this client rejects or drops by its character rule, and names it builds too long. */
function clientOutcome(profile: ClientProfile, names: string[], serverName: string): CheckOutcome | undefined {
  const rule = profile.tools.names;
  const problems: Array<{ severity: 'fail' | 'warn'; text: string }> = [];
  const refused = rule.effect === 'rejected' || rule.effect === 'filtered' ? names.filter((n) => !rule.pattern.test(n)) : [];
  if (rule.effect === 'rejected' || rule.effect === 'filtered') {
    if (refused.length > 0) {
      const allowed = (c: string) => rule.pattern.test(c);
      problems.push({
        severity: 'fail',
        text:
          `${profile.name} ${rule.effect === 'rejected' ? 'rejects' : 'drops'} ${count(refused.length, 'tool name')} outside ` +
          `${rule.text}: ${named(refused, (n) => whyInvalid(n, allowed, rule.max ?? Number.POSITIVE_INFINITY))}; ${consequences[rule.effect](profile, refused.length)} ` +
          `(${rule.source}).`,
      });
    }
  }
  const exposed = profile.tools.exposedName;
  if (exposed) {
    const long = names.filter((n) => !refused.includes(n) && exposed.build(serverName, n).length > exposed.max);
    if (long.length > 0) {
      const effect: NameEffect = exposed.effect;
      const consequence = {
        rejected: 'the model API rejects every request while the server is enabled ("String should have at most 64 characters")',
        filtered: `${profile.name} leaves ${long.length === 1 ? 'that tool' : 'those tools'} out`,
        shortened: `${profile.name} shortens ${long.length === 1 ? 'it' : 'them'} to a cut name the model sees instead`,
      }[effect];
      const built = exposed.build(serverName, 'TOOL');
      const shown = `${built.slice(0, built.lastIndexOf('TOOL'))}<tool>`;
      problems.push({
        severity: effect === 'shortened' ? 'warn' : 'fail',
        text:
          `${profile.name}: ${count(long.length, 'tool name is', 'tool names are')} longer than ${exposed.max} characters as ` +
          `${exposed.label} (${quoted(shown, 90)}): ${listSome(long.map((n) => `${quoted(n, 70)}: ${exposed.build(serverName, n).length}`))}; ` +
          `${consequence} (${exposed.source}). Shorten the server name in the config (now ${serverName.length} characters) or the tool names.`,
      });
    }
  }
  if (problems.length === 0) return undefined;
  const status = problems.some((p) => p.severity === 'fail') ? fail : warn;
  return { ...status(problems.map((p) => p.text).join(' ')), client: profile.id };
}

export const toolNames: Check = {
  id: 'tool-names',
  title: 'Tool names are unique and valid in each selected client',
  remediation:
    'Name tools with letters, digits, `_` and `-` only, at most 64 characters, unique within the server: the MCP spec also ' +
    'allows `.` (up to 128 characters), which Claude Desktop and the model APIs reject. Keep the names clients build short ' +
    'too: Claude Code sends `mcp__<server>__<tool>` to the API, which takes at most 64 characters.',
  requires: ['tools-list'],
  needsTranscript: true,
  run({ server, transcript, profiles: selected }) {
    if (!transcript) return skip('The server was not launched.');
    const { tools, total } = listedTools(transcript);
    if (tools.length === 0) return pass('No tools to judge.');
    const { spec } = server;
    const profiles = selected ?? selectProfiles([], spec.client);
    const names = toolNameList(tools);

    const perClient = profiles.flatMap((profile) => {
      const outcome = clientOutcome(profile, names.filter(offeredBy(profile, spec)), spec.name);
      return outcome ? [{ ...outcome, position: spec.source }] : [];
    });

    const general: string[] = [];
    const unnamed = tools.filter((t) => typeof t.name !== 'string').map((t) => `#${t.index}`);
    if (unnamed.length > 0) general.push(`${count(unnamed.length, 'tool has', 'tools have')} no string "name" (${listSome(unnamed)}).`);
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const name of names) (seen.has(name) ? repeated : seen).add(name);
    if (repeated.size > 0) {
      general.push(
        `Duplicate names: ${listSome([...repeated].map((n) => quoted(n)))} — clients keep one and lose the other, or reject the list.`,
      );
    }
    // Names a selected client refuses are that client's finding; the spec's SHOULD is a warning for the rest.
    const refusedSomewhere = new Set(
      profiles.flatMap((p) =>
        p.tools.names.effect === 'rejected' || p.tools.names.effect === 'filtered'
          ? names.filter((n) => !p.tools.names.pattern.test(n))
          : [],
      ),
    );
    const offSpec = names.filter((n) => !SPEC_NAME.test(n) && !refusedSomewhere.has(n));
    const partial = total > tools.length ? ` (checked the first ${tools.length} of ${total})` : '';
    const outcomes: CheckOutcome[] = [];
    if (general.length > 0) outcomes.push(fail(general.join(' ')));
    if (offSpec.length > 0) {
      outcomes.push(
        warn(
          `${count(offSpec.length, 'tool name is', 'tool names are')} outside the MCP spec's [A-Za-z0-9_.-]{1,128} (a SHOULD): ` +
            `${named(offSpec, (n) => whyInvalid(n, (c) => SPEC_NAME.test(c), 128))}. The selected clients rewrite such names or ` +
            'do not say what they do; other hosts reject them.',
        ),
      );
    }
    if (outcomes.length === 0 && perClient.length === 0) {
      const clients = listSome(
        profiles.map((p) => p.name),
        12,
      );
      return pass(`${count(names.length, 'tool name')} unique and valid in ${clients}${partial}.`);
    }
    return [...outcomes, ...perClient];
  },
};
