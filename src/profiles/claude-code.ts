import type { ClientProfile } from '../model/profile.js';
import { EVERY_OS, everywhere, prefixedLength, TS_SDK_PROTOCOL } from './shared.js';

/** Claude Code (CLI). Sources: client-configs.md §1 (code.claude.com/docs/en/mcp, docs/env-vars.md, changelog). */
export const claudeCode: ClientProfile = {
  id: 'claude-code',
  name: 'Claude Code',
  oses: EVERY_OS,
  // Its whole process environment plus `env` (StdioClientTransport({ env: { ...process.env, ...config.env } }), §1.5),
  // started from the project folder, no shell.
  launch: everywhere({ env: 'full', path: 'inherit', cwd: 'workspace' }),
  // The TS SDK's StdioClientTransport spawns through cross-spawn; v2.1.119 removed the "Windows requires 'cmd /c'"
  // warning as a false positive (§1.5, §14.4).
  windowsShims: 'resolves',
  // MCP_TIMEOUT, default 30000 ms (docs/env-vars.md line 442).
  startup: { timeoutMs: 30_000, includesToolsList: false, setting: 'MCP_TIMEOUT' },
  protocol: TS_SDK_PROTOCOL,
  tools: {
    // The Anthropic API takes `^[a-zA-Z0-9_-]{1,64}$` and answers 400 otherwise; with tool search the whole session
    // breaks (anthropics/claude-code#2326, #19882).
    invalidNames: 'rejected',
    exposedName: { label: 'mcp__<server>__<tool>', length: prefixedLength('mcp__', '__'), max: 64, effect: 'rejected' },
    // No per-server cap: MCP tools are deferred behind tool search (§1.6).
  },
  serverNames: {
    // `claude mcp add` accepts letters, digits, `-` and `_` (docs line ~995); the API name carries the server name.
    pattern: { regex: /^[a-zA-Z0-9_-]+$/, text: 'letters, digits, "-" and "_"' },
    reserved: ['workspace', 'claude-in-chrome', 'computer-use', 'Claude Preview', 'Claude Browser'],
  },
};
