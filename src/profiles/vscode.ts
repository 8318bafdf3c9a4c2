import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, TS_SDK_PROTOCOL } from './shared.js';

/** VS Code / GitHub Copilot. Sources: client-configs.md §4 (microsoft/vscode extHostMcpNode.ts, vscode-docs). */
export const vscode: ClientProfile = {
  id: 'vscode',
  name: 'VS Code',
  oses: EVERY_OS,
  // `env = { ...process.env }` + envFile + env; cwd = `cwd` or the workspace folder (startNodeMpc) [src].
  launch: everywhere({ env: 'full', path: 'inherit', cwd: 'workspace' }),
  // Windows: findExecutable, and a `.bat`/`.cmd` result is spawned with `shell: true` and quoted args [src].
  windowsShims: 'resolves',
  // No documented timeouts. Its own client implementation; the SDK's versions are the assumption [?].
  protocol: TS_SDK_PROTOCOL,
  tools: {
    // Long prefixed names were fixed in microsoft/vscode#243602; what it does with invalid names is not documented.
    invalidNames: 'unknown',
    // "A chat request can have a maximum of 128 tools enabled at a time" (code.visualstudio.com agent-tools) [doc].
    maxTools: {
      limit: 128,
      effect: 'rejected',
      note: 'a chat request can have at most 128 tools enabled ("Cannot have more than 128 tools per request")',
    },
  },
};
