import { parseJsonWithPositions, type JsonSyntax, type ParsedJson } from './json-with-positions.js';
import { parseTomlWithPositions } from './toml-with-positions.js';
import { parseYamlWithPositions } from './yaml-with-positions.js';

/** The syntaxes config files are written in: the JSON dialects, TOML (Codex) and YAML (Continue, Goose). */
export type DocumentSyntax = JsonSyntax | 'toml' | 'yaml';

/**
 * Parses a config file into one tree shape (jsonc-parser nodes with offsets) whatever its syntax, so every reader
 * normalizes entries the same way. The first syntax error is reported with its line and column.
 */
export function parseDocument(text: string, syntax: DocumentSyntax): ParsedJson {
  switch (syntax) {
    case 'toml':
      return parseTomlWithPositions(text);
    case 'yaml':
      return parseYamlWithPositions(text);
    default:
      return parseJsonWithPositions(text, syntax);
  }
}
