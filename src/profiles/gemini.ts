import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, prefixedLength, TS_SDK_PROTOCOL } from './shared.js';

/** Gemini CLI. Sources: client-configs.md §6 (google-gemini/gemini-cli packages/core/src/tools/mcp-client.ts, docs). */
export const gemini: ClientProfile = {
  id: 'gemini',
  name: 'Gemini CLI',
  oses: EVERY_OS,
  // Its environment minus `*TOKEN*`, `*KEY*`, `*SECRET*`… (mcp-preflight's `full` policy withholds those too) +
  // GEMINI_CLI=1 + `env`, through the TS SDK (no shell); cwd = `cwd` or the CLI's [src].
  launch: everywhere({ env: 'full', path: 'inherit', cwd: 'workspace' }),
  windowsShims: 'resolves',
  // MCP_DEFAULT_TIMEOUT_MSEC = 10 min, used for the connection too [src line 95].
  startup: { timeoutMs: 600_000, includesToolsList: false, setting: '"timeout"' },
  protocol: TS_SDK_PROTOCOL,
  tools: {
    // `mcp_{server}_{tool}`, characters outside `[A-Za-z0-9_.:-]` become `_`, over 63 a middle "..." [doc].
    invalidNames: 'tolerated',
    exposedName: { label: 'mcp_<server>_<tool>', length: prefixedLength('mcp_', '_'), max: 63, effect: 'shortened' },
  },
  serverNames: {
    avoid: { regex: /_/, why: 'its policy parser splits `mcp_<server>_<tool>` at the first "_" after "mcp_"' },
  },
};
