import type { Node } from 'jsonc-parser';
import type { ParsedJson } from '../../src/config/json-with-positions.js';

/**
 * Every leaf and key of a parsed document as `path=line:column` (keys as `path:key=`), in document order; with
 * `types`, leaves also carry their node type (`path=line:column:string`).
 */
export function positions(parsed: ParsedJson, { types = false } = {}): string[] {
  if (!parsed.ok) throw new Error(parsed.error.message);
  const out: string[] = [];
  const where = (node: Node): string => {
    const { line, column } = parsed.lines.position(node.offset);
    return `${line}:${column}`;
  };
  const walk = (node: Node, path: string): void => {
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [key, value] = property.children!;
        const child = path === '' ? String(key!.value) : `${path}.${String(key!.value)}`;
        out.push(`${child}:key=${where(key!)}`);
        walk(value!, child);
      }
    } else if (node.type === 'array') {
      for (const [index, item] of node.children!.entries()) walk(item, `${path}[${index}]`);
    } else out.push(`${path}=${where(node)}${types ? `:${node.type}` : ''}`);
  };
  walk(parsed.root, '');
  return out;
}
