import type { ClientProfile } from '../model/profile.js';
import { claudeCode } from './claude-code.js';
import { claudeDesktop } from './claude-desktop.js';
import { cline } from './cline.js';
import { codex } from './codex.js';
import { continueDev } from './continue.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import { goose } from './goose.js';
import { vscode } from './vscode.js';
import { windsurf } from './windsurf.js';
import { zed } from './zed.js';

/** Every client profile, in the order reports list them. */
export const PROFILES: readonly ClientProfile[] = [
  claudeCode,
  claudeDesktop,
  cursor,
  vscode,
  codex,
  gemini,
  windsurf,
  zed,
  cline,
  continueDev,
  goose,
];

/** `--client all`. */
export const ALL_CLIENTS = 'all';

/** The profile a server is judged for when no client is selected and its config's client has none of its own. */
const FALLBACK_PROFILE = claudeCode;

const byId = new Map(PROFILES.map((profile) => [profile.id, profile]));

export function profileById(id: string): ClientProfile | undefined {
  return byId.get(id);
}

/** The display name of a client id (the id itself when it has no profile). */
export function clientName(id: string): string {
  return byId.get(id)?.name ?? id;
}

/** Ids in `requested` that name no profile (and are not `all`). */
export function unknownClients(requested: readonly string[]): string[] {
  return requested.filter((id) => id !== ALL_CLIENTS && !byId.has(id));
}

/**
 * The profiles to judge a server for: the selected ones (`all` = every profile), or, when none is selected, the
 * profile of the client whose file declared it (a format without a client of its own, such as the MCP Registry's
 * server.json, falls back to Claude Code). Unknown ids are ignored here; the CLI rejects them before a run.
 */
export function selectProfiles(requested: readonly string[], declaringClient: string): ClientProfile[] {
  if (requested.includes(ALL_CLIENTS)) return [...PROFILES];
  const chosen = PROFILES.filter((profile) => requested.includes(profile.id));
  if (chosen.length > 0) return chosen;
  return [byId.get(declaringClient) ?? FALLBACK_PROFILE];
}
