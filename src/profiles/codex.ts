import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, LEGACY_PROTOCOL_VERSIONS, MODEL_API_NAMES, underscoreOutsideApiCharset } from './shared.js';

/** OpenAI Codex CLI. Sources: client-configs.md §7 (openai/codex codex-rs: mcp_types.rs, mcp_connection_manager.rs…). */
export const codex: ClientProfile = {
  id: 'codex',
  name: 'Codex',
  oses: EVERY_OS,
  // `env_clear()` then DEFAULT_ENV_VARS (+ `env_vars`) + `env`; cwd = `cwd` or Codex's own (the project) [src].
  launch: everywhere({ env: 'codex', path: 'inherit', cwd: 'workspace' }),
  launchKnown: true,
  // program_resolver.rs: `which` with PATHEXT "enables tools like npx, pnpm, and yarn to work correctly on Windows".
  windowsShims: 'resolves',
  // DEFAULT_STARTUP_TIMEOUT = 10 s for "initializing MCP server & initially listing tools" [src].
  startup: { timeoutMs: 10_000, includesToolsList: true, setting: 'startup_timeout_sec' },
  // rmcp's client sends 2025-06-18 (rmcp has no 2025-11-25 constant yet) and takes the server's answer as given [3p;
  // not re-verified here: the codex snapshot is too large to fetch, and protocol-versions only ever warns].
  protocol: { requests: '2025-06-18', accepts: LEGACY_PROTOCOL_VERSIONS },
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // Names are sanitised to `[A-Za-z0-9_-]` before they reach the model.
      effect: 'tolerated',
      source: 'openai/codex codex-rs/core/src/mcp_connection_manager.rs (client-configs.md §7)',
    },
    // Over 64 characters the name is cut and suffixed with a SHA-1 of it [src].
    exposedName: {
      label: 'mcp__<server>__<tool>',
      build: (server, tool) => `mcp__${underscoreOutsideApiCharset(server)}__${underscoreOutsideApiCharset(tool)}`,
      max: 64,
      effect: 'shortened',
      source: 'openai/codex codex-rs/core/src/mcp_connection_manager.rs (client-configs.md §7)',
    },
    // OpenAI: "Maximum of 128 tools are supported" per request [3p].
    maxTools: { limit: 128, effect: 'rejected', note: 'the OpenAI API takes at most 128 tools per request' },
  },
  serverNames: {
    // validate_mcp_server_name: `^[a-zA-Z0-9_-]+$`, else config.toml does not load [src].
    refused: {
      regex: /^[a-zA-Z0-9_-]+$/,
      text: 'letters, digits, "-" and "_"',
      where: 'config.toml does not load',
      source: 'openai/codex codex-rs/config/src/mcp_types.rs validate_mcp_server_name',
    },
  },
};
