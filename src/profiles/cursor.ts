import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, MODEL_API_NAMES, TS_SDK_PROTOCOL } from './shared.js';

/** Cursor. Sources: client-configs.md §3 (cursor.com/docs/mcp via two copies; limits from third-party reports). */
export const cursor: ClientProfile = {
  id: 'cursor',
  name: 'Cursor',
  oses: EVERY_OS,
  // Environment, shell, cwd and timeouts are not documented, and no issue or source shows them: the MCP SDK's
  // allow-list from the workspace (`${workspaceFolder}` is "the folder that contains .cursor/mcp.json") stands in.
  launch: everywhere({ env: 'sdk', path: 'inherit', cwd: 'workspace' }),
  launchKnown: false,
  windowsShims: 'unknown',
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // "Some tools have naming issues and may be filtered out".
      effect: 'filtered',
      source: 'ComposioHQ/composio#2788, awslabs/mcp#1283',
    },
    // "Combined server and tool name length (60) exceeds 60 characters" → the tool is filtered out (same reports).
    exposedName: {
      label: '<server> + <tool>',
      build: (server, tool) => `${server}${tool}`,
      max: 60,
      effect: 'filtered',
      source: 'ComposioHQ/composio#2788, executeautomation/mcp-playwright#145, awslabs/mcp#1283',
    },
    maxTools: {
      limit: 100,
      effect: 'truncated',
      note: 'Cursor stops at 100 tools (DaxianLee/cocos-mcp-server#11, 2026); older versions sent only the first 40',
    },
  },
};
