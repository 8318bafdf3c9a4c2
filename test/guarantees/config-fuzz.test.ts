// Property-based: malformed configs of every format the loader reads never make loading throw, and every file ends up
// with either servers or an error, each with a line and column inside the file. Seeds are the format fixtures;
// mutations are structural (wrong types, huge values, deep nesting, duplicate keys; the document is then printed in
// its syntax: JSON, JSON as YAML flow style, TOML inline tables) or start from the fixture's own text, and then textual
// (truncation, invalid UTF-8, BOM, CRLF, a duplicated line, stray text). Deterministic: a fixed seed; fast-check prints
// the seed and the counterexample path when a property fails.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runFileChecks, runServerChecks } from '../../src/checks/run-checks.js';
import { READERS, readConfigFile } from '../../src/config/load.js';
import { resolveServer } from '../../src/config/resolve.js';
import type { ConfigFormat, SourcePosition } from '../../src/model/spec.js';
import { repoRoot } from './harness.js';

/**
 * The fixtures the mutations start from, at least one per format (a test below fails when a format has none). The
 * format is passed to the reader directly, so the whole read path runs: bytes from disk, UTF-8 decoding, parsing,
 * normalizing; `file` is where the file goes (client folders matter to some readers), `companions` are copied next to it.
 */
const SEEDS: ReadonlyArray<{ format: ConfigFormat; fixture: string; file: string; companions?: string[] }> = [
  { format: 'claude-code', fixture: 'claude-code.json', file: '.mcp.json' },
  { format: 'cursor', fixture: 'cursor.json', file: '.cursor/mcp.json' },
  { format: 'vscode', fixture: 'vscode.jsonc', file: '.vscode/mcp.json' },
  { format: 'claude-desktop', fixture: 'claude-desktop.json', file: 'claude_desktop_config.json' },
  { format: 'gemini', fixture: 'repos/gemini/.gemini/settings.json', file: '.gemini/settings.json' },
  { format: 'codex', fixture: 'repos/codex/.codex/config.toml', file: '.codex/config.toml' },
  { format: 'zed', fixture: 'repos/zed/.zed/settings.json', file: '.zed/settings.json' },
  { format: 'windsurf', fixture: 'repos/windsurf/mcp_config.json', file: 'mcp_config.json' },
  { format: 'cline', fixture: 'repos/cline/cline_mcp_settings.json', file: 'cline_mcp_settings.json' },
  { format: 'continue', fixture: 'repos/continue/.continue/mcpServers/tools.yaml', file: '.continue/mcpServers/tools.yaml' },
  { format: 'continue', fixture: 'repos/continue/.continue/mcpServers/claude.json', file: '.continue/mcpServers/claude.json' },
  { format: 'goose', fixture: 'repos/goose/.goose/config.yaml', file: '.goose/config.yaml' },
  {
    format: 'mcp-registry',
    fixture: 'repos/registry-local/server.json',
    file: 'server.json',
    companions: ['repos/registry-local/package.json'],
  },
];

type Syntax = 'json' | 'yaml' | 'toml';
const syntaxOf = (file: string): Syntax => (/\.ya?ml$/.test(file) ? 'yaml' : file.endsWith('.toml') ? 'toml' : 'json');
const parsers: Record<Syntax, (text: string) => unknown> = {
  json: (text) => parseJsonc(text, [], { allowTrailingComma: true }),
  yaml: (text) => parseYaml(text),
  toml: (text) => parseToml(text),
};

const RUNS_PER_SEED = 30;
const SEED = 20_251_125;

/** A JSON document that can hold what `JSON.parse` cannot represent: repeated keys, and large values as recipes. */
type Doc =
  | null
  | boolean
  | number
  | string
  | Doc[]
  | { entries: Array<[string, Doc]> }
  | { huge: 'string' | 'number' | 'array'; size: number }
  | { deep: '[' | '{'; depth: number };

function toDoc(value: unknown): Doc {
  if (Array.isArray(value)) return value.map(toDoc);
  if (value !== null && typeof value === 'object') return { entries: Object.entries(value).map(([k, v]) => [k, toDoc(v)]) };
  return typeof value === 'bigint' ? Number(value) : (value as Doc);
}

function isObject(doc: Doc): doc is { entries: Array<[string, Doc]> } {
  return doc !== null && typeof doc === 'object' && 'entries' in doc;
}

/**
 * JSON, pretty-printed so that positions span many lines (YAML reads it as flow style); `loose` adds what only some
 * parsers accept: comments and trailing commas.
 */
function printJson(doc: Doc, loose: boolean, indent = ''): string {
  const inner = `${indent}  `;
  const close = (items: string[], open: string, end: string) =>
    items.length === 0
      ? `${open}${end}`
      : `${open}\n${items.map((item) => `${inner}${item}`).join(',\n')}${loose ? ',' : ''}\n${indent}${end}`;
  if (Array.isArray(doc))
    return close(
      doc.map((d) => printJson(d, loose, inner)),
      '[',
      ']',
    );
  if (isObject(doc)) {
    return close(
      doc.entries.map(([k, v]) => `${loose ? '/* entry */ ' : ''}${JSON.stringify(k)}: ${printJson(v, loose, inner)}`),
      '{',
      '}',
    );
  }
  return printScalar(doc, (d) => printJson(d, false));
}

/** TOML: one top-level key per line, everything below as inline tables and arrays. */
function printToml(doc: Doc): string {
  const value = (d: Doc): string => {
    if (Array.isArray(d)) return `[${d.map(value).join(', ')}]`;
    if (isObject(d)) return `{ ${d.entries.map(([k, v]) => `${JSON.stringify(k)} = ${value(v)}`).join(', ')} }`;
    return printScalar(d, value);
  };
  if (!isObject(doc)) return `value = ${value(doc)}\n`;
  return doc.entries.map(([k, v]) => `${JSON.stringify(k)} = ${value(v)}\n`).join('');
}

/** Scalars and the recipes for large values, in JSON notation (also valid TOML, except `null`: a wrong type there). */
function printScalar(doc: Doc, print: (d: Doc) => string): string {
  if (doc !== null && typeof doc === 'object' && 'huge' in doc) {
    if (doc.huge === 'string') return JSON.stringify('x'.repeat(doc.size));
    if (doc.huge === 'number') return `1${'0'.repeat(doc.size)}`;
    return print(Array.from({ length: doc.size }, (_, i) => i));
  }
  if (doc !== null && typeof doc === 'object' && 'deep' in doc) {
    return doc.deep === '[' ? `${'['.repeat(doc.depth)}${']'.repeat(doc.depth)}` : `${'{"a":'.repeat(doc.depth)}0${'}'.repeat(doc.depth)}`;
  }
  return JSON.stringify(doc);
}

/** Follows `steps` (child indexes, taken modulo the number of children) and applies `change` to the node reached. */
function mutateAt(doc: Doc, steps: number[], change: (node: Doc) => Doc): Doc {
  const [step, ...rest] = steps;
  if (step === undefined) return change(doc);
  if (Array.isArray(doc) && doc.length > 0) {
    const i = step % doc.length;
    return doc.map((child, j) => (j === i ? mutateAt(child, rest, change) : child));
  }
  if (isObject(doc) && doc.entries.length > 0) {
    const i = step % doc.entries.length;
    return { entries: doc.entries.map(([k, v], j): [string, Doc] => (j === i ? [k, mutateAt(v, rest, change)] : [k, v])) };
  }
  return change(doc);
}

type Structural =
  | { kind: 'none' }
  | { kind: 'replace'; steps: number[]; value: Doc }
  | { kind: 'duplicate-key'; steps: number[]; index: number; value: Doc };

type Textual =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert-bytes'; at: number; bytes: number[] }
  | { kind: 'insert-text'; at: number; text: string }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'bom' }
  | { kind: 'crlf' };

const steps = fc.array(fc.nat(50), { maxLength: 6 });
const position = fc.double({ min: 0, max: 1, noNaN: true });
const wrongValue: fc.Arbitrary<Doc> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(toDoc) },
  {
    weight: 1,
    arbitrary: fc.record({
      huge: fc.constantFrom('string' as const, 'number' as const, 'array' as const),
      size: fc.integer({ min: 10_000, max: 50_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ deep: fc.constantFrom('[' as const, '{' as const), depth: fc.integer({ min: 100, max: 10_000 }) }) },
);
const structural: fc.Arbitrary<Structural> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('replace' as const), steps, value: wrongValue }),
  fc.record({ kind: fc.constant('duplicate-key' as const), steps, index: fc.nat(50), value: wrongValue }),
);
const textual: fc.Arbitrary<Textual> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('insert-bytes' as const),
    at: position,
    // Lone continuation bytes, truncated sequences, overlongs, surrogates, and bytes never valid in UTF-8.
    bytes: fc.array(fc.oneof(fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0xc0, 0xed, 0xf4, 0xf5, 0xfe, 0xff)), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.record({ kind: fc.constant('insert-text' as const), at: position, text: fc.string({ unit: 'grapheme', maxLength: 20 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: position }),
  fc.constant({ kind: 'bom' as const }),
  fc.constant({ kind: 'crlf' as const }),
);

// Comments and trailing commas break every strict-JSON format: rare enough that most files still get to the servers.
const looseSyntax = fc.nat(4).map((n) => n === 0);

function applyStructural(doc: Doc, change: Structural): Doc {
  if (change.kind === 'replace') return mutateAt(doc, change.steps, () => change.value);
  if (change.kind === 'duplicate-key') {
    return mutateAt(doc, change.steps, (node) => {
      if (!isObject(node) || node.entries.length === 0) return node;
      const [key] = node.entries[change.index % node.entries.length]!;
      return { entries: [...node.entries, [key, change.value]] };
    });
  }
  return doc;
}

function applyTextual(bytes: Buffer, change: Textual): Buffer {
  const at = (fraction: number) => Math.floor(fraction * bytes.length);
  switch (change.kind) {
    case 'truncate':
      return bytes.subarray(0, at(change.at));
    case 'insert-bytes':
      return Buffer.concat([bytes.subarray(0, at(change.at)), Buffer.from(change.bytes), bytes.subarray(at(change.at))]);
    case 'insert-text':
      return Buffer.concat([bytes.subarray(0, at(change.at)), Buffer.from(change.text), bytes.subarray(at(change.at))]);
    case 'duplicate-line': {
      // Repeats a key in YAML and TOML (and in JSON where a line holds one); unbalances brackets elsewhere.
      const start = bytes.lastIndexOf(0x0a, Math.max(0, at(change.at) - 1)) + 1;
      const newline = bytes.indexOf(0x0a, start);
      const end = newline === -1 ? bytes.length : newline + 1;
      return Buffer.concat([bytes.subarray(0, end), bytes.subarray(start, end), bytes.subarray(end)]);
    }
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    case 'crlf':
      return Buffer.from(bytes.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
  }
}

/** Whether a position names a character of the file (or the end of a line) as an editor shows it. */
function insideFile(lines: readonly string[], p: { line: number; column: number }): boolean {
  const line = lines[p.line - 1];
  return Number.isInteger(p.line) && Number.isInteger(p.column) && p.column >= 1 && line !== undefined && p.column <= line.length + 1;
}

describe('loading malformed configs of every format', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-fuzz-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('has a seed for every format the loader reads', () => {
    expect(new Set(SEEDS.map((seed) => seed.format))).toEqual(new Set(Object.keys(READERS)));
  });

  it.each(SEEDS.map((seed, index) => ({ ...seed, index })))('$format ($file)', async ({ format, fixture, file, companions, index }) => {
    const fixtures = path.join(repoRoot, 'test/fixtures/configs');
    const original = await readFile(path.join(fixtures, fixture), 'utf8');
    const syntax = syntaxOf(file);
    const seed = toDoc(parsers[syntax](original));
    // A folder per seed, so that companions and client folders never mix; report paths are relative to it.
    const seedRoot = path.join(root, String(index));
    const target = path.join(seedRoot, file);
    await mkdir(path.dirname(target), { recursive: true });
    for (const companion of companions ?? []) {
      await writeFile(path.join(path.dirname(target), path.basename(companion)), await readFile(path.join(fixtures, companion)));
    }
    let sawError = 0;
    let sawServers = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        structural,
        looseSyntax,
        fc.array(textual, { maxLength: 3 }),
        async (fromText, change, loose, edits) => {
          const document = applyStructural(seed, change);
          const printed = fromText ? original : syntax === 'toml' ? printToml(document) : printJson(document, loose);
          const bytes = edits.reduce(applyTextual, Buffer.from(printed));
          await writeFile(target, bytes);
          const config = await readConfigFile({ path: target, format }, seedRoot);

          // Positions are checked against the text as an editor shows it (invalid bytes become one U+FFFD each).
          const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split(/\r\n|\r|\n/);
          const where = (p: { line: number; column: number }) => `${p.line}:${p.column} in a file of ${lines.length} lines`;
          const inside = (p: { line: number; column: number } | SourcePosition) => expect(insideFile(lines, p), where(p)).toBe(true);

          if (config.error) {
            sawError++;
            inside(config.error);
            expect(config.servers).toEqual([]);
          } else if (config.servers.length > 0) {
            sawServers++;
          }
          for (const result of runFileChecks(config)) {
            expect(result.message).not.toMatch(/itself crashed/);
            if (result.position) inside(result.position);
          }
          for (const spec of config.servers) {
            for (const p of [spec.source, ...Object.values(spec.fieldPositions), ...spec.schemaProblems.map((s) => s.position)]) {
              expect(p.file).toBe(file);
              inside(p);
            }
            const server = resolveServer(spec, {
              env: { HOME: '/home/fuzz' },
              homeDir: '/home/fuzz',
              platform: 'linux',
              workspaceFolder: config.workspaceFolder,
            });
            const settings = { startupTimeoutMs: 1000, requestTimeoutMs: 1000 };
            for (const result of runServerChecks({
              server,
              notLaunchedReason: 'fuzzing',
              settings,
              platform: 'linux',
              homeDir: '/home/fuzz',
            })) {
              expect(result.message, result.id).not.toMatch(/itself crashed/);
              if (result.position) inside(result.position);
            }
          }
        },
      ),
      { seed: SEED, numRuns: RUNS_PER_SEED },
    );
    // The mutations reach both outcomes, so neither half of the property is vacuous.
    expect(sawError).toBeGreaterThan(RUNS_PER_SEED / 10);
    expect(sawServers).toBeGreaterThan(RUNS_PER_SEED / 10);
  });
});
