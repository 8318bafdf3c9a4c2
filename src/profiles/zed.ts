import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, LEGACY_PROTOCOL_VERSIONS, MODEL_API_NAMES } from './shared.js';

/** Zed. Sources: client-configs.md §8 (zed-industries/zed crates/settings_content/src/project.rs, docs/src/ai/mcp.md). */
export const zed: ClientProfile = {
  id: 'zed',
  name: 'Zed',
  oses: EVERY_OS,
  // StdioTransport::new: a plain Command with `.args(args).envs(env)` and no env_clear, so the server gets Zed's whole
  // environment plus `env`; Client::stdio passes a working directory (the worktree)
  // [src crates/context_server/src/transport/stdio_transport.rs @11e0c3b9, client.rs].
  launch: everywhere({ env: 'full', path: 'inherit', cwd: 'workspace' }),
  launchKnown: true,
  // Since zed-industries/zed#42382 (2025-11) servers start through a shell, which fixed `npx` on Windows (#41435).
  windowsShims: 'resolves',
  // Stdio `timeout`: "Defaults to 60" seconds [src].
  startup: { timeoutMs: 60_000, includesToolsList: false, setting: '"timeout"' },
  // crates/context_server/src/types.rs: LATEST_PROTOCOL_VERSION = 2025-11-25, SUPPORTED_PROTOCOL_VERSIONS back to
  // 2024-11-05; an answer outside the list ends the connection (protocol.rs) [src].
  protocol: { requests: '2025-11-25', accepts: LEGACY_PROTOCOL_VERSIONS },
  tools: { names: { ...MODEL_API_NAMES, effect: 'unknown', source: 'none found' } },
};
