import { parseTree } from 'jsonc-parser';
import type { ConfigFormat } from '../model/spec.js';
import { fieldsOf, type JsonProperty } from './json-with-positions.js';
import { jsonShapeProblem } from './shape.js';

/**
 * Content checks for files whose name is not enough. They are tolerant on purpose (comments, trailing commas, even
 * syntax errors): they only decide which reader gets a file, and the reader judges it. Each runs in linear time.
 */

// A `[mcp_servers…]` / `[[mcp_servers…]]` header or an `mcp_servers… =` key at the start of a line.
const CODEX_SERVERS = /^[ \t]*(?:\[\[?[ \t]*)?["']?mcp_servers["']?[ \t]*[.\]=]/m;
// A top-level `extensions:` key (top level: at the start of a line, not indented).
const GOOSE_EXTENSIONS = /^["']?extensions["']?[ \t]*:/m;
const REGISTRY_SCHEMA = /modelcontextprotocol\.io\/schemas\/[^/]+\/server\.schema\.json/;

/**
 * For the formats whose file names are shared or common, whether a file that discovery found declares servers for
 * that client: `.gemini/settings.json` with `mcpServers`, `.zed/settings.json` with `context_servers`,
 * `.codex/config.toml` with `[mcp_servers…]`, `.goose/config.yaml` with `extensions:`, `mcp_config.json` with
 * `mcpServers`, and a `server.json` that is an MCP Registry manifest. The other formats' names are the client's own.
 */
export const DECLARES_SERVERS: Readonly<Partial<Record<ConfigFormat, (text: string) => boolean>>> = {
  // A JSON file too deep to sniff is taken: its reader then reports the nesting as a finding.
  gemini: (text) => unreadableJson(text) || topLevelJson(text).has('mcpServers'),
  windsurf: (text) => unreadableJson(text) || topLevelJson(text).has('mcpServers'),
  zed: (text) => unreadableJson(text) || topLevelJson(text).has('context_servers'),
  codex: (text) => CODEX_SERVERS.test(text),
  goose: (text) => GOOSE_EXTENSIONS.test(text),
  'mcp-registry': (text) => unreadableJson(text) || isRegistryManifest(topLevelJson(text)),
};

/**
 * The format of a file passed explicitly whose name no client owns: TOML is Codex's; YAML is Goose's with a
 * top-level `extensions:`, else Continue's; JSON is an MCP Registry manifest, Zed's with `context_servers`, VS Code's
 * with only `servers`, and otherwise Claude Desktop style, whose reader then reports what is wrong.
 */
export function formatFromContent(text: string | undefined, file: string): ConfigFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.toml')) return 'codex';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return text !== undefined && GOOSE_EXTENSIONS.test(text) ? 'goose' : 'continue';
  const topLevel = text === undefined ? new Map<string, JsonProperty>() : topLevelJson(text);
  if (isRegistryManifest(topLevel)) return 'mcp-registry';
  if (topLevel.has('mcpServers')) return 'claude-desktop';
  if (topLevel.has('context_servers')) return 'zed';
  return topLevel.has('servers') ? 'vscode' : 'claude-desktop';
}

/**
 * An MCP Registry `server.json`: it names the registry's schema, or it has `packages` or `remotes` and a
 * reverse-DNS `name` with a `/` (`io.github.user/server`), as the registry requires.
 */
export function isRegistryManifest(topLevel: ReadonlyMap<string, JsonProperty>): boolean {
  const schema = topLevel.get('$schema')?.value;
  if (schema?.type === 'string' && REGISTRY_SCHEMA.test(String(schema.value))) return true;
  const name = topLevel.get('name')?.value;
  const hasEntries = ['packages', 'remotes'].some((key) => topLevel.get(key)?.value.type === 'array');
  return hasEntries && name?.type === 'string' && String(name.value).includes('/');
}

/** Nested deeper than any parser here may go: not sniffed at all (see shape.ts). */
function unreadableJson(text: string): boolean {
  return jsonShapeProblem(text) !== undefined;
}

/** The top-level properties; empty for a file too deep to parse safely. */
function topLevelJson(text: string): Map<string, JsonProperty> {
  if (unreadableJson(text)) return new Map();
  const root = parseTree(text.replace(/^\uFEFF/, ''), [], { allowTrailingComma: true });
  return root?.type === 'object' ? fieldsOf(root) : new Map();
}
