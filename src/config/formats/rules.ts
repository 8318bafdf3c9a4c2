import type { ClientId, ConfigFormat, SchemaProblem, ServerSpec, TransportKind } from '../../model/spec.js';
import type { DocumentSyntax } from '../document.js';
import type { JsonProperty } from '../json-with-positions.js';
import type { EntryFields } from './entry-fields.js';

/** What a declared `type` means to a client, and which field it cannot work without. */
export interface TypeRule {
  transport: TransportKind;
  requires?: 'command' | 'url';
  /** The client still parses this type but no longer starts such servers: a schema problem with this message. */
  unsupported?: string;
}

/** The fields every format has in some spelling; `FormatRules.fieldNames` says how a client spells them. */
export type CommonField = 'type' | 'command' | 'args' | 'env' | 'url' | 'headers' | 'cwd';

/**
 * Everything that differs between the clients' file formats. Each `formats/<format>.ts` declares one of these with
 * the sources it follows; `defineReader` turns it into a reader.
 */
export interface FormatRules {
  format: ConfigFormat;
  client: ClientId;
  /** Human name used in messages ("Claude Code reads …"). */
  clientName: string;
  syntax: DocumentSyntax;
  /** The top-level key that holds the servers. */
  serversKey: string;
  /** `map` (the default): server name → entry. `list`: a list of entries that each carry a `name` (Continue). */
  serversShape?: 'map' | 'list';
  /** The `type` values the client accepts. Any other value is a schema problem and makes the transport 'unknown'. */
  types: Readonly<Record<string, TypeRule>>;
  /** An entry with `url` and no `command` and no `type`: the transport the client infers, or the message it rejects it with. */
  urlWithoutType: { transport: TransportKind } | { problem: string };
  /** VS Code accepts numbers (used as strings) and null (unset the variable) as `env` values; others want strings. */
  lenientEnvValues: boolean;
  /** The client honours a `cwd` field in the entry (relative to the workspace folder). */
  cwdField: boolean;
  /**
   * The folders, `/`-separated, between the workspace folder and the file (`.vscode`, `.continue/mcpServers`); the
   * workspace folder is the file's folder when the file is elsewhere.
   */
  workspaceDir?: string;
  /** The file may declare `inputs` (VS Code). */
  inputs: boolean;
  /** The keys the client reads for the common fields, first one present wins, where they are not the common name. */
  fieldNames?: Readonly<Partial<Record<CommonField, readonly string[]>>>;
  /** `disabled: true` turns a server off (the default), or `enabled: false` does (Codex, Zed, Goose). */
  offSwitch?: 'disabled' | 'enabled';
  /** Rewrites an entry's fields before they are read (Zed's older nested `command`, Cline's legacy `transportType`). */
  rewriteFields?: (fields: Map<string, JsonProperty>) => Map<string, JsonProperty>;
  /**
   * Entries the client runs inside itself rather than as a server process (Goose builtins, Zed extension servers):
   * they are not listed, as there is nothing mcp-preflight could start or connect to.
   */
  isClientInternal?: (fields: ReadonlyMap<string, JsonProperty>) => boolean;
  /** Reads the client's own fields (timeouts, tool filters, …) once the common ones are read. */
  readExtras?: (entry: EntryFields) => void;
  /** Client-specific problems found after the entry was normalized. */
  entryProblems?: (spec: ServerSpec, declaredInputs: ReadonlySet<string>) => SchemaProblem[];
}
