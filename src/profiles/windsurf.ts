import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, MODEL_API_NAMES, TS_SDK_PROTOCOL } from './shared.js';

/** Windsurf (Cascade). Sources: client-configs.md §5 (docs.windsurf.com/windsurf/cascade/mcp, third-party copies). */
export const windsurf: ClientProfile = {
  id: 'windsurf',
  name: 'Windsurf',
  oses: EVERY_OS,
  // Spawn environment, shell and cwd are not documented and no source shows them (closed source): the MCP SDK's
  // allow-list stands in.
  launch: everywhere({ env: 'sdk', path: 'inherit', cwd: 'workspace' }),
  launchKnown: false,
  windowsShims: 'unknown',
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: { ...MODEL_API_NAMES, effect: 'unknown', source: 'none found' },
    // "Cascade has a limit of 100 total tools that it has access to at any given time" [doc].
    maxTools: { limit: 100, effect: 'truncated', note: 'Cascade has access to at most 100 tools at a time' },
  },
};
