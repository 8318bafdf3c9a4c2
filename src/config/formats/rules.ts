import type { ClientId, ConfigFormat, SchemaProblem, ServerSpec, TransportKind } from '../../model/spec.js';
import type { JsonSyntax } from '../json-with-positions.js';

/** What a declared `type` means to a client, and which field it cannot work without. */
export interface TypeRule {
  transport: TransportKind;
  requires?: 'command' | 'url';
}

/**
 * Everything that differs between the clients' file formats. Each `formats/<format>.ts` declares one of these with
 * the sources it follows; `defineReader` turns it into a reader.
 */
export interface FormatRules {
  format: ConfigFormat;
  client: ClientId;
  /** Human name used in messages ("Claude Code reads …"). */
  clientName: string;
  syntax: JsonSyntax;
  serversKey: 'mcpServers' | 'servers';
  /** The `type` values the client accepts. Any other value is a schema problem and makes the transport 'unknown'. */
  types: Readonly<Record<string, TypeRule>>;
  /** An entry with `url` and no `command` and no `type`: the transport the client infers, or the message it rejects it with. */
  urlWithoutType: { transport: TransportKind } | { problem: string };
  /** VS Code accepts numbers (used as strings) and null (unset the variable) as `env` values; others want strings. */
  lenientEnvValues: boolean;
  /** The client honours a `cwd` field in the entry (relative to the workspace folder). */
  cwdField: boolean;
  /** Folder the file lives in whose parent is the workspace folder (`.vscode`, `.cursor`); else the file's folder. */
  workspaceDir?: string;
  /** The file may declare `inputs` (VS Code). */
  inputs: boolean;
  /** Client-specific problems found after the entry was normalized. */
  entryProblems?: (spec: ServerSpec, declaredInputs: ReadonlySet<string>) => SchemaProblem[];
}
