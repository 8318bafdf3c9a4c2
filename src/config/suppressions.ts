/**
 * Suppressions, the one way to accept a finding on purpose: a check id, optionally for one server and/or one client,
 * with a required reason. Written in `.mcp-preflight.yml` at the root of the run:
 *
 *     suppress:
 *       - check: windows-npx
 *         server: memory            # optional
 *         client: claude-desktop    # optional
 *         reason: We ship this config for macOS and Linux only.
 *
 * or given as `--suppress` (CLI) / one line of the `suppress` input (action) with the same keys:
 * `windows-npx server=memory client=claude-desktop reason=We ship this config for macOS and Linux only.`
 * Anything else (an unknown key, a missing reason, a check or client that does not exist) is an error that names where.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { closestNames, didYouMean } from '../closest-names.js';
import type { Suppression } from '../model/suppression.js';
import { describeType, fieldsOf, type JsonProperty, type LineIndex, propertiesOf } from './json-with-positions.js';
import { readConfigText } from './read-text.js';
import { parseYamlWithPositions } from './yaml-with-positions.js';
import type { Node } from 'jsonc-parser';

export const SUPPRESSIONS_FILE = '.mcp-preflight.yml';
/** Common misnaming of the file: reported instead of silently ignored. */
const OTHER_NAMES = ['.mcp-preflight.yaml'];
const KEYS = ['check', 'server', 'client', 'reason'] as const;
/** Suppressions are a handful; this bounds what a hostile or generated file can make the run carry. */
export const MAX_SUPPRESSIONS = 1000;
const MAX_REASON_CHARS = 1000;

/** The ids a suppression may name (passed in: the config layer does not know the checks or the client profiles). */
export interface SuppressionVocabulary {
  checks: readonly string[];
  clients: readonly string[];
}

/** A suppression that cannot be used; the message starts with where it is (`file:line:` or the option). */
export class SuppressionError extends Error {}

/**
 * The suppressions in `.mcp-preflight.yml` directly in `root` (not searched for in parents or subfolders: the file
 * belongs to the folder the run checks). No file: none.
 */
export async function readSuppressionsFile(root: string, vocabulary: SuppressionVocabulary): Promise<Suppression[]> {
  const file = path.join(root, SUPPRESSIONS_FILE);
  if (!(await exists(file))) {
    for (const other of OTHER_NAMES) {
      if (await exists(path.join(root, other))) {
        throw new SuppressionError(`${other}: suppressions are read from ${SUPPRESSIONS_FILE} only; rename the file`);
      }
    }
    return [];
  }
  const read = await readConfigText(file);
  if (!read.ok) throw new SuppressionError(`${SUPPRESSIONS_FILE}:${read.error.line}: ${read.error.message}`);
  return parseSuppressionsFile(read.text, SUPPRESSIONS_FILE, vocabulary);
}

/**
 * The run's suppressions: the file in `root`, then each option value (`source(index)` names it in messages; empty
 * values are skipped). Throws a SuppressionError for the first one that cannot be used.
 */
export async function loadSuppressions(
  root: string,
  values: readonly string[],
  source: (index: number) => string,
  vocabulary: SuppressionVocabulary,
): Promise<Suppression[]> {
  const fromFile = await readSuppressionsFile(root, vocabulary);
  const fromOption = values.flatMap((value, index) => (value.trim() === '' ? [] : [parseSuppressOption(value, source(index), vocabulary)]));
  if (fromFile.length + fromOption.length > MAX_SUPPRESSIONS) throw new SuppressionError(`more than ${MAX_SUPPRESSIONS} suppressions`);
  return [...fromFile, ...fromOption];
}

/** Parses the text of a suppressions file; `file` is how it is named in messages and reports. */
export function parseSuppressionsFile(text: string, file: string, vocabulary: SuppressionVocabulary): Suppression[] {
  // Only comments and blank lines: nothing suppressed (the YAML reader calls such a file empty).
  if (/^(?:\s*(?:#.*)?(?:\r\n|\r|\n|$))*$/.test(text.replace(/^\uFEFF/, ''))) return [];
  const parsed = parseYamlWithPositions(text);
  if (!parsed.ok) throw new SuppressionError(`${file}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`);
  const { root, lines } = parsed;
  const at = (node: Node) => `${file}:${lines.position(node.offset).line}`;
  if (root.type !== 'object') throw new SuppressionError(`${at(root)}: expected "suppress:" with a list, found ${describeType(root)}`);
  for (const property of propertiesOf(root)) {
    if (property.key !== 'suppress') {
      throw new SuppressionError(`${at(property.keyNode)}: unknown key ${JSON.stringify(property.key)} (the file has one key: suppress)`);
    }
  }
  const list = fieldsOf(root).get('suppress')?.value;
  if (list === undefined || list.type === 'null') return [];
  if (list.type !== 'array') throw new SuppressionError(`${at(list)}: "suppress" must be a list of entries, found ${describeType(list)}`);
  const items = list.children ?? [];
  if (items.length > MAX_SUPPRESSIONS) throw new SuppressionError(`${at(list)}: more than ${MAX_SUPPRESSIONS} suppressions`);
  return items.map((item) => entryFromYaml(item, file, lines, vocabulary));
}

function entryFromYaml(item: Node, file: string, lines: LineIndex, vocabulary: SuppressionVocabulary): Suppression {
  const line = lines.position(item.offset).line;
  const where = `${file}:${line}`;
  if (item.type !== 'object') {
    throw new SuppressionError(
      `${where}: a suppression is a map with check, reason and optionally server and client; found ${describeType(item)}`,
    );
  }
  const values: Partial<Record<(typeof KEYS)[number], string>> = {};
  for (const property of propertiesOf(item)) {
    const key = KEYS.find((k) => k === property.key);
    const keyLine = `${file}:${lines.position(property.keyNode.offset).line}`;
    if (key === undefined) throw new SuppressionError(`${keyLine}: ${unknownKey(property.key)}`);
    values[key] = textValue(property, keyLine);
  }
  return validated(values, { source: where, file, line }, vocabulary);
}

async function exists(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => undefined)) !== undefined;
}

function textValue(property: JsonProperty, where: string): string {
  const { value } = property;
  if (value.type !== 'string')
    throw new SuppressionError(`${where}: "${property.key}" must be text, found ${describeType(value)} (quote it)`);
  return String(value.value);
}

/**
 * One `--suppress` value or one line of the `suppress` input: the check id first, then `server=NAME` and `client=ID`
 * in any order, then `reason=` and the rest of the line. A name with spaces is written as a JSON string
 * (`server="my server"`).
 */
export function parseSuppressOption(text: string, source: string, vocabulary: SuppressionVocabulary): Suppression {
  const fail = (problem: string): never => {
    throw new SuppressionError(`${source}: ${problem}`);
  };
  let rest = text.trim();
  const check = /^[^\s=]+/.exec(rest)?.[0];
  if (check === undefined)
    fail(`expected a check id first, as in "windows-npx server=NAME reason=WHY", got ${JSON.stringify(text.slice(0, 80))}`);
  rest = rest.slice(check!.length).trimStart();
  const values: Partial<Record<(typeof KEYS)[number], string>> = { check: check! };
  while (rest !== '') {
    const key = /^([\w-]+)=/.exec(rest)?.[1];
    if (key === undefined) fail(`expected server=, client= or reason= at ${JSON.stringify(rest.slice(0, 40))}`);
    rest = rest.slice(key!.length + 1);
    if (key === 'reason') {
      values.reason = rest.trim();
      break;
    }
    if (key !== 'server' && key !== 'client') fail(unknownKey(key!));
    if (values[key as 'server' | 'client'] !== undefined) fail(`${key} is given twice`);
    const quoted = /^"(?:[^"\\]|\\.)*"/.exec(rest)?.[0];
    let value: string;
    if (quoted !== undefined) {
      try {
        value = JSON.parse(quoted) as string;
      } catch {
        return fail(`${key}=${quoted} is not a valid quoted name`);
      }
      rest = rest.slice(quoted.length);
    } else {
      value = /^\S*/.exec(rest)![0];
      rest = rest.slice(value.length);
    }
    values[key as 'server' | 'client'] = value;
    if (rest !== '' && !/^\s/.test(rest)) fail(`expected a space after ${key}=${value}`);
    rest = rest.trimStart();
  }
  return validated(values, { source }, vocabulary);
}

function validated(
  values: Partial<Record<(typeof KEYS)[number], string>>,
  origin: Pick<Suppression, 'source' | 'file' | 'line'>,
  vocabulary: SuppressionVocabulary,
): Suppression {
  const fail = (problem: string): never => {
    throw new SuppressionError(`${origin.source}: ${problem}`);
  };
  const { check, server, client } = values;
  const reason = values.reason?.trim();
  if (check === undefined || check === '') fail('"check" is required: the id of the check to suppress');
  if (check === 'config-parse')
    fail('config-parse cannot be suppressed: a file that does not parse hides its servers; fix it or leave it out of the paths checked');
  if (!vocabulary.checks.includes(check!)) {
    const hint = didYouMean(closestNames(check!, vocabulary.checks));
    fail(`no check has the id ${JSON.stringify(check)}${hint ? `; ${hint}` : ''}`);
  }
  if (reason === undefined || reason === '') fail(`a reason is required: say why this ${check} finding is accepted`);
  if (reason!.length > MAX_REASON_CHARS) fail(`the reason is longer than ${MAX_REASON_CHARS} characters`);
  if (server === '') fail('"server" is empty: name a server, or leave the key out for every server');
  if (client !== undefined && !vocabulary.clients.includes(client)) {
    const hint = didYouMean(closestNames(client, vocabulary.clients));
    fail(`no client has the id ${JSON.stringify(client)}${hint ? `; ${hint}` : ''}`);
  }
  return { check: check!, ...(server !== undefined && { server }), ...(client !== undefined && { client }), reason: reason!, ...origin };
}

function unknownKey(key: string): string {
  const hint = didYouMean(closestNames(key, KEYS));
  return `unknown key ${JSON.stringify(key)}${hint ? `; ${hint}` : ''} (a suppression has ${KEYS.join(', ')})`;
}
