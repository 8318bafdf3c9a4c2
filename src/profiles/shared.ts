import type { ClientOs, LaunchPolicy } from '../model/profile.js';

export const EVERY_OS: readonly ClientOs[] = ['darwin', 'linux', 'win32'];

/**
 * Clients built on the MCP TypeScript SDK send its latest version and accept its supported list
 * (`client/index.js`: anything else ends in "Server's protocol version is not supported"). Written out rather than
 * imported, so that the CLI can list the clients without loading the SDK; a test pins them to the installed SDK's.
 */
export const TS_SDK_PROTOCOL = {
  requests: '2025-11-25',
  accepts: ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07'],
} as const;

/** The protocol versions clients use today, oldest first (the ones mcp-preflight offers). */
export const LEGACY_PROTOCOL_VERSIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'] as const;

/** The stateless revision: no initialize, `server/discover` instead (mcp-spec-and-sdk.md §0). */
export const MODERN_PROTOCOL_VERSION = '2026-07-28';

/** `-32022` UnsupportedProtocolVersionError (2026-07-28): a modern server's answer to a version it lacks; lists `supported`. */
export const UNSUPPORTED_PROTOCOL_VERSION = -32022;

/** The same launch on every OS. */
export function everywhere(policy: LaunchPolicy): (os: ClientOs) => LaunchPolicy {
  return () => policy;
}

/** Every character outside `[A-Za-z0-9_-]` replaced by `_` (Claude Code and Codex, for the names they build). */
export function underscoreOutsideApiCharset(text: string): string {
  return text.replace(/[^a-zA-Z0-9_-]/g, '_');
}

/** The Anthropic and OpenAI APIs' function-name rule. */
export const MODEL_API_NAMES = {
  pattern: /^[a-zA-Z0-9_-]{1,64}$/,
  max: 64,
  text: "^[a-zA-Z0-9_-]{1,64}$ (the Anthropic and OpenAI APIs' rule)",
};
