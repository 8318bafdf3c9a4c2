import type { Node, NodeType } from 'jsonc-parser';

/**
 * Builders for the offset-carrying tree of `jsonc-parser`, which the TOML and YAML parsers produce too: one tree shape
 * (with `propertiesOf`, `fieldsOf`, `describeType`) serves every format. Only `offset` is meaningful; `length` is 0.
 */

/** Nesting below this is cut when TOML or YAML is converted: server fields sit at depth 4, recursion stays bounded. */
export const MAX_NODE_DEPTH = 64;

export function valueNode(type: Exclude<NodeType, 'object' | 'array' | 'property'>, value: unknown, offset: number): Node {
  return { type, value, offset, length: 0 };
}

export function objectNode(offset: number, properties: Node[]): Node {
  return { type: 'object', offset, length: 0, children: properties };
}

export function arrayNode(offset: number, items: Node[]): Node {
  return { type: 'array', offset, length: 0, children: items };
}

export function propertyNode(key: string, keyOffset: number, value: Node): Node {
  return { type: 'property', offset: keyOffset, length: 0, children: [valueNode('string', key, keyOffset), value] };
}
