import type { ClientProfile } from '../../model/profile.js';
import type { ServerSpec } from '../../model/spec.js';
import type { Transcript } from '../../model/transcript.js';
import { isPlainObject } from './messages.js';

export interface ListedTool {
  /** 1-based position in tools/list. */
  index: number;
  name: unknown;
  raw: Record<string, unknown> | unknown;
}

/** The tools the server listed (as kept by the probe), and how many it listed in all. */
export function listedTools(transcript: Transcript): { tools: ListedTool[]; total: number } {
  const list = transcript.lists.tools;
  const items = list?.items ?? [];
  return {
    tools: items.map((raw, i) => ({ index: i + 1, name: isPlainObject(raw) ? raw['name'] : undefined, raw })),
    total: list?.itemCount ?? items.length,
  };
}

/** `"search"` or `tool #3` when it has no usable name. */
export function toolLabel(tool: ListedTool, quote: (s: string) => string): string {
  return typeof tool.name === 'string' ? quote(tool.name) : `tool #${tool.index}`;
}

/**
 * Whether the client shows the model this tool: the declaring client's own entry may narrow the tools it offers
 * (Gemini includeTools/excludeTools, Codex enabled_tools/disabled_tools); other clients get every tool.
 */
export function offeredBy(profile: ClientProfile, spec: ServerSpec): (name: string) => boolean {
  if (profile.id !== spec.client) return () => true;
  return (name) => (spec.includeTools?.includes(name) ?? true) && !(spec.excludeTools?.includes(name) ?? false);
}

/** The tools' string names, in list order. */
export function toolNameList(tools: readonly ListedTool[]): string[] {
  return tools.flatMap((t) => (typeof t.name === 'string' ? [t.name] : []));
}
