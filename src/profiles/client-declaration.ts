import type { ClientProfile } from '../model/profile.js';

/**
 * What each client tells a server about itself when it connects: the capabilities it declares in `initialize`, and the
 * protocol generations it speaks. Servers change with the first (server-everything registers `get-roots-list` only
 * for clients that declare roots; server-filesystem asks `roots/list` only then), so the probe declares what the client
 * being judged declares. Each fact has its source; a closed-source client whose declaration was never seen is
 * `unknown`, and the probe then declares nothing (what an MCP SDK client declares by default).
 */

/**
 * `legacy`: the `initialize` handshake (protocol versions 2024-11-05 … 2025-11-25). `modern`: the stateless 2026-07-28
 * revision, `server/discover` and no `initialize` (mcp-spec-and-sdk.md §0, §2.13).
 */
export type ProtocolGeneration = 'legacy' | 'modern';

export interface ClientDeclaration {
  /** The `capabilities` of its initialize request; `unknown` when no source shows them. */
  capabilities: Record<string, unknown> | 'unknown';
  /** The generations it can connect with. */
  generations: readonly ProtocolGeneration[];
  /** Where the facts come from. */
  source: string;
}

/** MCP SDK 1.32.2 has no `server/discover` anywhere in its dist (mcp-spec-and-sdk.md §0): its clients are legacy. */
const TS_SDK_GENERATIONS: readonly ProtocolGeneration[] = ['legacy'];

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
    generations: TS_SDK_GENERATIONS,
    source: 'closed source, its initialize not observed (a third-party note says it declares form elicitation, unverified)',
  },
  vscode: {
    capabilities: {
      roots: { listChanged: true },
      sampling: {},
      elicitation: { form: {}, url: {} },
      tasks: { list: {}, cancel: {}, requests: { sampling: { createMessage: {} }, elicitation: { create: {} } } },
    },
    generations: ['legacy'],
    source:
      'microsoft/vscode src/vs/workbench/contrib/mcp/common/mcpServerRequestHandler.ts (create(): initialize capabilities; mcpServer.ts passes the sampling and elicitation handlers), its own client sending MCP.LATEST_PROTOCOL_VERSION',
  },
  codex: {
    capabilities: { elicitation: { form: {} } },
    generations: ['legacy'],
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
    generations: TS_SDK_GENERATIONS,
    source: 'closed source, its initialize not observed',
  },
  zed: {
    capabilities: {},
    generations: ['legacy'],
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
    generations: ['legacy'],
    source:
      'block/goose crates/goose/src/agents/mcp_client.rs get_info(): enable_roots, enable_sampling, enable_elicitation (plus an mcpui extension in the desktop app); initialize sends ProtocolVersion::V_2025_03_26',
  },
};

const UNKNOWN: ClientDeclaration = { capabilities: 'unknown', generations: ['legacy'], source: 'no source' };

export function declarationOf(profile: Pick<ClientProfile, 'id'>): ClientDeclaration {
  return DECLARATIONS[profile.id] ?? UNKNOWN;
}
