import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, LEGACY_PROTOCOL_VERSIONS, MODEL_API_NAMES } from './shared.js';

/** Goose. Sources: client-configs.md §11 (block/goose crates/goose/src/agents/extension.rs, config/extensions.rs). */
export const goose: ClientProfile = {
  id: 'goose',
  name: 'Goose',
  oses: EVERY_OS,
  // Spawn environment, shell and cwd are not documented, and the block/goose snapshot is too large to read here: the MCP
  // SDK's allow-list stands in.
  launch: everywhere({ env: 'sdk', path: 'inherit', cwd: 'workspace' }),
  launchKnown: false,
  windowsShims: 'unknown',
  // DEFAULT_EXTENSION_TIMEOUT = 300 s [src].
  startup: { timeoutMs: 300_000, includesToolsList: false, setting: '"timeout"' },
  // A Rust client on rmcp, like Codex: 2025-06-18. No source read (see launch); protocol-versions only ever warns.
  protocol: { requests: '2025-06-18', accepts: LEGACY_PROTOCOL_VERSIONS },
  tools: { names: { ...MODEL_API_NAMES, effect: 'unknown', source: 'none found' } },
};
