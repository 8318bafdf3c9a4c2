import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, TS_SDK_PROTOCOL } from './shared.js';

/** Cursor. Sources: client-configs.md §3 (cursor.com/docs/mcp via two copies; limits from third-party reports). */
export const cursor: ClientProfile = {
  id: 'cursor',
  name: 'Cursor',
  oses: EVERY_OS,
  // Environment, shell, cwd and timeouts are not documented [?]: the MCP SDK's allow-list from the workspace is the
  // assumption (`${workspaceFolder}` is "the folder that contains .cursor/mcp.json").
  launch: everywhere({ env: 'sdk', path: 'inherit', cwd: 'workspace' }),
  windowsShims: 'unknown',
  protocol: TS_SDK_PROTOCOL,
  tools: {
    // "Some tools have naming issues and may be filtered out" (ComposioHQ/composio#2788, awslabs/mcp#1283).
    invalidNames: 'filtered',
    // "Combined server and tool name length (60) exceeds 60 characters" → the tool is filtered out (same reports).
    exposedName: { label: '<server> + <tool>', length: (server, tool) => server.length + tool.length, max: 60, effect: 'filtered' },
    maxTools: {
      limit: 100,
      effect: 'truncated',
      note: 'Cursor stops at 100 tools (DaxianLee/cocos-mcp-server#11, 2026); older versions sent only the first 40',
    },
  },
};
