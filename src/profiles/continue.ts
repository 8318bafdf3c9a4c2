import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, MODEL_API_NAMES, TS_SDK_PROTOCOL } from './shared.js';

/** Continue. Sources: client-configs.md §10 (continuedev/continue core/context/mcp/MCPConnection.ts). */
export const continueDev: ClientProfile = {
  id: 'continue',
  name: 'Continue',
  oses: EVERY_OS,
  // HOME/USER/USERPROFILE/LOGNAME/USERNAME + `env` + the login shell's PATH, merged with the SDK allow-list: the
  // allow-list with the user's PATH is what that amounts to; cwd = `cwd` or the workspace root [src].
  launch: everywhere({ env: 'sdk', path: 'inherit', cwd: 'workspace' }),
  launchKnown: true,
  // Windows: npx, uv, uvx, pnpx, dlx, nx, bunx run as `cmd.exe /c …` [src].
  windowsShims: 'resolves',
  // DEFAULT_MCP_TIMEOUT = 20_000 ms connect [src].
  startup: { timeoutMs: 20_000, includesToolsList: false, setting: '"connectionTimeout"' },
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // It hands `<server>_<tool>` to whichever model provider is configured, with only the server part sanitised: whether
      // a name is rejected depends on that provider, so nothing is claimed.
      effect: 'unknown',
      source: 'continuedev/continue@d0a3c0b6 core/tools/mcpToolName.ts',
    },
  },
};
