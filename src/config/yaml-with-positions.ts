import type { Node } from 'jsonc-parser';
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import { LineIndex, type ParsedJson } from './json-with-positions.js';
import { yamlShapeProblem } from './shape.js';
import { arrayNode, MAX_NODE_DEPTH, objectNode, propertyNode, valueNode } from './value-nodes.js';

const BOM = '\uFEFF';

/**
 * Values one YAML file may expand to. Aliases (`*name`) copy their anchor's value, so a small file can describe an
 * exponentially large one ("billion laughs"); conversion stops at this count and reports the file instead.
 */
export const MAX_YAML_VALUES = 200_000;

/**
 * Parses YAML 1.2 with the `yaml` package (what Continue uses) and returns the same offset-carrying tree as the JSON
 * parser. The first error (syntax, a duplicate key, several documents in one file) is reported with its position.
 * Duplicate keys are found here rather than by the package, whose check compares every key with every other one:
 * minutes on a file with tens of thousands of keys.
 */
export function parseYamlWithPositions(text: string): ParsedJson {
  if (text.startsWith(BOM)) text = text.slice(BOM.length);
  const lines = new LineIndex(text);
  const tooBig = yamlShapeProblem(text);
  if (tooBig) return { ok: false, error: { message: tooBig.message, ...lines.position(tooBig.offset) } };
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true });
  } catch (error) {
    const reason = error instanceof RangeError ? 'the file is nested too deeply to read' : `invalid YAML: ${String(error)}`;
    return { ok: false, error: { message: reason, line: 1, column: 1 } };
  }
  const [first] = document.errors;
  if (first !== undefined) {
    const reason = first.message.split('\n')[0]!.slice(0, 200);
    return { ok: false, error: { message: `invalid YAML: ${reason}`, ...lines.position(first.pos[0]) } };
  }
  if (document.contents === null) return { ok: false, error: { message: 'the file is empty', line: 1, column: 1 } };
  const converter = new Converter(document);
  const root = converter.convert(document.contents, 0, 0);
  if (converter.remaining < 0) {
    return {
      ok: false,
      error: { message: `the file expands to more than ${MAX_YAML_VALUES} values (through aliases?); it is not read`, line: 1, column: 1 },
    };
  }
  if (converter.duplicateKey !== undefined) {
    return { ok: false, error: { message: 'invalid YAML: Map keys must be unique', ...lines.position(converter.duplicateKey) } };
  }
  return { ok: true, root, lines };
}

class Converter {
  remaining = MAX_YAML_VALUES;
  /** Offset of the first key that repeats an earlier key of its map (maps are converted in document order). */
  duplicateKey: number | undefined;
  /** Anchors by name, in document order (a name may be defined again; an alias means the latest one before it). */
  private readonly anchors = new Map<string, Array<{ offset: number; node: YamlNode }>>();

  constructor(document: Document.Parsed) {
    // The package's `Alias.resolve` searches the whole document for every alias: one index instead keeps it linear.
    visit(document, {
      Node: (_key, node) => {
        if (node.anchor === undefined || isAlias(node)) return;
        const defined = this.anchors.get(node.anchor) ?? [];
        defined.push({ offset: rangeStart(node) ?? 0, node });
        this.anchors.set(node.anchor, defined);
      },
    });
  }

  private resolve(name: string, offset: number): YamlNode | undefined {
    const defined = this.anchors.get(name) ?? [];
    let low = 0;
    let high = defined.length - 1;
    let found: YamlNode | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (defined[middle]!.offset < offset) {
        found = defined[middle]!.node;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  /** `at` is the offset to report for this value: an alias reports where it is used, not where its anchor is. */
  convert(node: unknown, at: number, depth: number): Node {
    const offset = rangeStart(node) ?? at;
    if (--this.remaining < 0 || depth > MAX_NODE_DEPTH) return valueNode('null', null, offset);
    if (isAlias(node)) return this.convert(this.resolve(node.source, offset), offset, depth + 1);
    if (isMap(node)) {
      const seen = new Set<string>();
      return objectNode(
        offset,
        node.items.map((pair) => {
          const keyOffset = rangeStart(pair.key) ?? offset;
          const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          if (seen.has(key)) this.duplicateKey ??= keyOffset;
          seen.add(key);
          return propertyNode(key, keyOffset, this.convert(pair.value, keyOffset, depth + 1));
        }),
      );
    }
    if (isSeq(node))
      return arrayNode(
        offset,
        node.items.map((item) => this.convert(item, offset, depth + 1)),
      );
    if (isScalar(node)) return scalarNode(node.value, offset);
    // An empty value (`key:` with nothing after it) has no node at all.
    return valueNode('null', null, offset);
  }
}

function scalarNode(value: unknown, offset: number): Node {
  if (typeof value === 'string') return valueNode('string', value, offset);
  if (typeof value === 'number') return valueNode('number', value, offset);
  if (typeof value === 'boolean') return valueNode('boolean', value, offset);
  if (value === null || value === undefined) return valueNode('null', null, offset);
  // Values of other tags (`!!binary`, big integers) are only ever read as text.
  return valueNode('string', String(value), offset);
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: unknown } | null)?.range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}
