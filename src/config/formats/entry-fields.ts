import { getNodeValue, type Node } from 'jsonc-parser';
import type { ServerSpec, SourcePosition } from '../../model/spec.js';
import { describeType, propertiesOf, quoted, type JsonProperty } from '../json-with-positions.js';

type TimeoutField = 'startupTimeoutMs' | 'toolTimeoutMs';

/**
 * One server entry being read: its fields (keyed by the common names, see `FormatRules.fieldNames`), and typed readers
 * that record every value's position in `spec.fieldPositions` and turn a wrong type into a schema problem at the
 * value. Messages name keys as written in the file (`"cmd"`, not `"command"`).
 */
export class EntryFields {
  constructor(
    readonly spec: ServerSpec,
    /** The entry's fields by common name (what the normalizer reads). */
    readonly fields: ReadonlyMap<string, JsonProperty>,
    /** The entry's fields exactly as written. */
    readonly written: ReadonlyMap<string, JsonProperty>,
    private readonly position: (node: Node) => SourcePosition,
  ) {}

  problem(message: string, node: Node): void {
    this.spec.schemaProblems.push({ message, position: this.position(node) });
  }

  record(key: string, node: Node): void {
    this.spec.fieldPositions[key] = this.position(node);
  }

  /** A string field; recorded under `target` (default: its common name). */
  string(key: string, target = key): string | undefined {
    const field = this.fields.get(key);
    if (field === undefined) return undefined;
    this.record(target, field.value);
    if (field.value.type === 'string') return String(field.value.value);
    this.problem(`"${field.key}" must be a string, found ${describeType(field.value)}`, field.value);
    return undefined;
  }

  /** A number field that must be positive (timeouts). */
  positiveNumber(key: string, target: string): number | undefined {
    const field = this.fields.get(key);
    if (field === undefined) return undefined;
    this.record(target, field.value);
    const value: unknown = field.value.value;
    if (field.value.type === 'number' && typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    const found = field.value.type === 'number' ? String(value) : describeType(field.value);
    this.problem(`"${field.key}" must be a positive number, found ${found}`, field.value);
    return undefined;
  }

  /**
   * A timeout in `unit`, stored in milliseconds on each of `targets` that has no value yet: calls in precedence order
   * let Codex's `startup_timeout_sec` win over `startup_timeout_ms`.
   */
  timeout(key: string, unit: 'ms' | 's', targets: readonly TimeoutField[]): void {
    const open = targets.filter((target) => this.spec[target] === undefined);
    if (open.length === 0 || !this.fields.has(key)) return;
    const value = this.positiveNumber(key, open[0]!);
    if (value === undefined) return;
    for (const target of open) {
      this.spec[target] = Math.round(unit === 's' ? value * 1000 : value);
      this.spec.fieldPositions[target] = this.spec.fieldPositions[open[0]!]!;
    }
  }

  /** An array of strings; items are recorded as `target.<index>`. Wrong items are problems and are left out. */
  stringList(key: string, target: string): string[] | undefined {
    const field = this.fields.get(key);
    if (field === undefined) return undefined;
    this.record(target, field.value);
    if (field.value.type !== 'array') {
      this.problem(`"${field.key}" must be an array of strings, found ${describeType(field.value)}`, field.value);
      return undefined;
    }
    return (field.value.children ?? []).flatMap((item, index) => {
      this.record(`${target}.${index}`, item);
      if (item.type === 'string') return [String(item.value)];
      this.problem(`"${field.key}" must contain only strings; item ${index} is ${describeType(item)}`, item);
      return [];
    });
  }

  /** An object of strings; values are recorded as `target.<key>`. */
  stringMap(key: string, target: string, lenient = false, unset?: string[]): Record<string, string> | undefined {
    const field = this.fields.get(key);
    if (field === undefined) return undefined;
    return this.stringMapOf(field, target, lenient, unset);
  }

  /**
   * `stringMap` of a given property (also one that is not among the entry's own fields). With `lenient`, keys whose
   * value is null are collected in `unset`.
   */
  stringMapOf(field: JsonProperty, target: string, lenient = false, unset?: string[]): Record<string, string> {
    this.record(target, field.value);
    const values = emptyMap();
    if (field.value.type !== 'object') {
      this.problem(`"${field.key}" must be an object of strings, found ${describeType(field.value)}`, field.value);
      return values;
    }
    for (const { key, value } of propertiesOf(field.value)) {
      this.record(`${target}.${key}`, value);
      if (value.type === 'string') values[key] = String(value.value);
      else if (lenient && value.type === 'number') values[key] = String(value.value);
      // VS Code: null removes the variable from the inherited environment; it sets nothing.
      else if (lenient && value.type === 'null') {
        delete values[key];
        unset?.push(key);
      } else this.problem(`${quoted(`${field.key}.${key}`)} must be a string, found ${describeType(value)}`, value);
    }
    return values;
  }

  /** `args`: every item kept (as text when it is not a string) so that later arguments keep their index. */
  args(): string[] {
    const field = this.fields.get('args');
    if (field === undefined) return [];
    this.record('args', field.value);
    if (field.value.type !== 'array') {
      this.problem(`"${field.key}" must be an array of strings, found ${describeType(field.value)}`, field.value);
      return [];
    }
    return (field.value.children ?? []).map((item, index) => {
      this.record(`args.${index}`, item);
      if (item.type === 'string') return String(item.value);
      this.problem(`"${field.key}" must contain only strings; item ${index} is ${describeType(item)}`, item);
      const value: unknown = getNodeValue(item);
      return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    });
  }

  /** Fields the client rejects because it does not know them (Codex refuses unknown keys). */
  rejectUnknown(known: ReadonlySet<string>, clientName: string): void {
    for (const [key, field] of this.written) {
      if (!known.has(key))
        this.problem(`unknown field ${quoted(key)}: ${clientName} refuses entries with fields it does not know`, field.keyNode);
    }
  }
}

/** Keys come from the file: without a prototype, a key such as `__proto__` is just a key. */
export function emptyMap(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}
