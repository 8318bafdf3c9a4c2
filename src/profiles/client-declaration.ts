import type { ClientProfile } from '../model/profile.js';
import type { ProtocolGeneration } from '../model/transcript.js';

/**
 * What each client tells a server about itself when it connects: the capabilities it declares in `initialize`, and the
 * protocol generations it speaks. Servers change with the first (server-everything registers `get-roots-list` only
 * for clients that declare roots; server-filesystem asks `roots/list` only then), so the probe declares what the client
 * being judged declares. Each fact has its source; a closed-source client whose declaration was never seen is
 * `unknown`, and the probe then declares nothing (what an MCP SDK client declares by default).
 */

export interface ClientDeclaration {
  /** The `capabilities` of its initialize request; `unknown` when no source shows them. */
  capabilities: Record<string, unknown> | 'unknown';
  /** Where the capabilities come from. */
  source: string;
  /** The generations it can connect with, and why we know. */
  generations: { speaks: readonly ProtocolGeneration[]; source: string };
}

/** MCP SDK 1.32.2 has no `server/discover` anywhere in its dist (mcp-spec-and-sdk.md §0): its clients are legacy. */
const TS_SDK_GENERATIONS = {
  speaks: ['legacy'],
  source: 'it is built on the MCP TypeScript SDK, which has no server/discover (1.32.2)',
} as const;
/** A closed-source client whose protocol is taken to be the TypeScript SDK's (see its profile). */
const ASSUMED_TS_SDK = {
  speaks: ['legacy'],
  source: "closed source, taken to speak the MCP TypeScript SDK's initialize, which has no server/discover",
} as const;

const DECLARATIONS: Readonly<Record<string, ClientDeclaration>> = {
  'claude-code': {
    // Closed source: the sub-fields are not known, the two capabilities are.
    capabilities: { roots: {}, elicitation: {} },
    generations: TS_SDK_GENERATIONS,
    source:
      'declares roots and elicitation (hosts-sandbox-and-formats.md §2, seen on its initialize); built on the MCP TypeScript SDK (client-configs.md §1.5)',
  },
  'claude-desktop': {
    capabilities: 'unknown',
    generations: TS_SDK_GENERATIONS,
    source: 'closed source, its initialize not observed; built on the MCP TypeScript SDK (client-configs.md §2)',
  },
  cursor: {
    capabilities: 'unknown',
    generations: ASSUMED_TS_SDK,
    source: 'closed source, its initialize not observed (a third-party note says it declares form elicitation, unverified)',
  },
  vscode: {
    capabilities: {
      roots: { listChanged: true },
      sampling: {},
      elicitation: { form: {}, url: {} },
      tasks: { list: {}, cancel: {}, requests: { sampling: { createMessage: {} }, elicitation: { create: {} } } },
    },
    generations: {
      speaks: ['legacy'],
      source: 'its own client sends initialize with MCP.LATEST_PROTOCOL_VERSION (mcpServerRequestHandler.ts)',
    },
    source:
      'microsoft/vscode src/vs/workbench/contrib/mcp/common/mcpServerRequestHandler.ts (create(): initialize capabilities; mcpServer.ts passes the sampling and elicitation handlers), its own client sending MCP.LATEST_PROTOCOL_VERSION',
  },
  codex: {
    capabilities: { elicitation: { form: {} } },
    generations: { speaks: ['legacy'], source: 'its rmcp client sends initialize with 2025-06-18 (codex-rs mcp_connection_manager.rs)' },
    source:
      'openai/codex codex-rs mcp_connection_manager.rs: elicitation_capability_for_server() gives every server form elicitation, roots and sampling are None; initialize sends ProtocolVersion::V_2025_06_18',
  },
  gemini: {
    capabilities: { roots: { listChanged: true } },
    generations: TS_SDK_GENERATIONS,
    source:
      'google-gemini/gemini-cli packages/core/src/tools/mcp-client.ts connectToMcpServer(): registerCapabilities({ roots: { listChanged: true } }) on an SDK Client (5411f11, 2026-08)',
  },
  windsurf: {
    capabilities: 'unknown',
    generations: ASSUMED_TS_SDK,
    source: 'closed source, its initialize not observed',
  },
  zed: {
    capabilities: {},
    generations: { speaks: ['legacy'], source: 'its own client sends initialize (crates/context_server/src/protocol.rs)' },
    source: 'zed-industries/zed crates/context_server/src/protocol.rs initialize(): experimental, sampling and roots are None',
  },
  cline: {
    capabilities: {},
    generations: TS_SDK_GENERATIONS,
    source: 'cline/cline apps/vscode/src/services/mcp/McpHub.ts: new Client(…, { capabilities: {} }) (21cb8d2, 2026-08)',
  },
  continue: {
    capabilities: {},
    generations: TS_SDK_GENERATIONS,
    source: 'continuedev/continue core/context/mcp/MCPConnection.ts: new Client(…, { capabilities: {} })',
  },
  goose: {
    capabilities: { roots: {}, sampling: {}, elicitation: {} },
    generations: { speaks: ['legacy'], source: 'its rmcp client sends initialize with 2025-03-26 (crates/goose/src/agents/mcp_client.rs)' },
    source:
      'block/goose crates/goose/src/agents/mcp_client.rs get_info(): enable_roots, enable_sampling, enable_elicitation (plus an mcpui extension in the desktop app); initialize sends ProtocolVersion::V_2025_03_26',
  },
};

const UNKNOWN: ClientDeclaration = { capabilities: 'unknown', source: 'no source', generations: ASSUMED_TS_SDK };

export function declarationOf(profile: Pick<ClientProfile, 'id'>): ClientDeclaration {
  return DECLARATIONS[profile.id] ?? UNKNOWN;
}
