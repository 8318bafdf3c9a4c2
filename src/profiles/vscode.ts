import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, TS_SDK_PROTOCOL } from './shared.js';

const VSCODE_MCP = 'microsoft/vscode src/vs/workbench/contrib/mcp/common';

/** VS Code / GitHub Copilot. Sources: client-configs.md §4 (microsoft/vscode extHostMcpNode.ts, vscode-docs). */
export const vscode: ClientProfile = {
  id: 'vscode',
  name: 'VS Code',
  oses: EVERY_OS,
  // `env = { ...process.env }` + envFile + env; cwd = `cwd` or the workspace folder (startNodeMpc) [src].
  launch: everywhere({ env: 'full', path: 'inherit', cwd: 'workspace' }),
  launchKnown: true,
  // Windows: findExecutable, and a `.bat`/`.cmd` result is spawned with `shell: true` and quoted args [src].
  windowsShims: 'resolves',
  // No documented timeouts. Its own client (mcpServerRequestHandler.ts @1418a96b) sends its vendored schema's
  // LATEST_PROTOCOL_VERSION and does not check the version the server answers; the stored copies are older than the
  // VS Code in use, so the SDK's list stands in (protocol-versions only ever warns).
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      pattern: /^[a-zA-Z0-9_-]+$/,
      text: "[a-z0-9_-], case-insensitive (VS Code's rule)",
      // `_normalizeTool`: a name with other characters is logged and rewritten with "_"; tool ids are cut to its maximum.
      effect: 'tolerated',
      source: `${VSCODE_MCP}/mcpServer.ts @0052d689 (_normalizeTool, McpTool)`,
    },
    // "A chat request can have a maximum of 128 tools enabled at a time" (code.visualstudio.com agent-tools) [doc].
    maxTools: {
      limit: 128,
      effect: 'rejected',
      note: 'a chat request can have at most 128 tools enabled ("Cannot have more than 128 tools per request")',
    },
  },
};
