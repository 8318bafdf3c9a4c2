import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, MODEL_API_NAMES, TS_SDK_PROTOCOL } from './shared.js';

/** Cline. Sources: client-configs.md §9 (cline/cline apps/vscode/src/services/mcp/McpHub.ts, schemas.ts). */
export const cline: ClientProfile = {
  id: 'cline',
  name: 'Cline',
  oses: EVERY_OS,
  // StdioClientTransport({ env: { ...getDefaultEnvironment(), ...config.env } }): only the SDK allow-list [src]; cwd =
  // `cwd` or the extension host's [src; taken as the workspace].
  launch: everywhere({ env: 'sdk', path: 'inherit', cwd: 'workspace' }),
  launchKnown: true,
  windowsShims: 'resolves',
  // "Internal list requests use 5000 ms" [src]; the tool-call `timeout` defaults to 60 s.
  listTimeoutMs: 5_000,
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // Tools are called through its own `use_mcp_tool(server_name, tool_name)`, not as model functions.
      effect: 'tolerated',
      source: 'cline/cline@21cb8d25 apps/vscode/src/shared/tools.ts (MCP_USE = "use_mcp_tool")',
    },
  },
};
