import type { ClientProfile } from '../model/profile.js';
import { GEMINI_CYCLIC_REF } from './schema-dialects.js';
import { EVERY_OS, everywhere, TS_SDK_PROTOCOL } from './shared.js';

const GEMINI_CLI = 'google-gemini/gemini-cli@5411f113';

/** Gemini CLI. Sources: client-configs.md §6 (google-gemini/gemini-cli packages/core/src/tools/mcp-client.ts, docs). */
export const gemini: ClientProfile = {
  id: 'gemini',
  name: 'Gemini CLI',
  oses: EVERY_OS,
  // Its environment minus `*TOKEN*`, `*KEY*`, `*SECRET*`… (mcp-preflight's `full` policy withholds those too) +
  // GEMINI_CLI=1 + `env`, through the TS SDK (no shell); cwd = `cwd` or the CLI's [src].
  launch: everywhere({ env: 'full', path: 'inherit', cwd: 'workspace' }),
  launchKnown: true,
  windowsShims: 'resolves',
  // MCP_DEFAULT_TIMEOUT_MSEC = 10 min, used for the connection too [src line 95].
  startup: { timeoutMs: 600_000, includesToolsList: false, setting: '"timeout"' },
  protocol: TS_SDK_PROTOCOL,
  tools: {
    // generateValidName: `mcp_` + `{server}_{tool}`, characters outside `[A-Za-z0-9_.:-]` become `_`, a name that does
    // not start with a letter or `_` gets a `_`, and over 63 characters the middle becomes "...".
    names: {
      pattern: /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/,
      text: "^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$ (the Gemini API's rule)",
      max: 64,
      effect: 'tolerated',
      source: `${GEMINI_CLI} packages/core/src/tools/mcp-tool.ts generateValidName`,
    },
    exposedName: {
      label: 'mcp_<server>_<tool>',
      build: (server, tool) => `mcp_${server}_${tool}`.replace(/[^a-zA-Z0-9_\-.:]/g, '_'),
      max: 63,
      effect: 'shortened',
      source: `${GEMINI_CLI} packages/core/src/tools/mcp-tool.ts generateValidName`,
    },
    schemas: [GEMINI_CYCLIC_REF],
  },
  serverNames: {
    // Characters outside [A-Za-z0-9.:-] are or become "_" in `mcp_<server>_<tool>`.
    avoid: {
      regex: /[^a-zA-Z0-9.:-]/,
      why:
        'its policy parser splits mcp_<server>_<tool> at the first "_" after "mcp_", and every character outside letters, ' +
        'digits, ".", ":" and "-" is or becomes "_", so policy rules for this server silently do not match',
      source: `${GEMINI_CLI} docs/tools/mcp-server.md, docs/reference/policy-engine.md`,
    },
  },
};
