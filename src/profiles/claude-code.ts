import type { ClientProfile } from '../model/profile.js';
import { ANTHROPIC_TOP_LEVEL_COMBINATOR, CLAUDE_CODE_BOOLEAN_PROPERTY } from './schema-dialects.js';
import { EVERY_OS, everywhere, MODEL_API_NAMES, TS_SDK_PROTOCOL, underscoreOutsideApiCharset } from './shared.js';

/** Claude Code (CLI). Sources: client-configs.md §1 (code.claude.com/docs/en/mcp, docs/env-vars.md, changelog). */
export const claudeCode: ClientProfile = {
  id: 'claude-code',
  name: 'Claude Code',
  oses: EVERY_OS,
  // Its whole process environment plus `env` (StdioClientTransport({ env: { ...process.env, ...config.env } }), §1.5),
  // started from the project folder, no shell.
  launch: everywhere({ env: 'full', path: 'inherit', cwd: 'workspace' }),
  launchKnown: true,
  // The TS SDK's StdioClientTransport spawns through cross-spawn; v2.1.119 removed the "Windows requires 'cmd /c'"
  // warning as a false positive (§1.5, §14.4).
  windowsShims: 'resolves',
  // MCP_TIMEOUT, default 30000 ms (docs/env-vars.md line 442).
  startup: { timeoutMs: 30_000, includesToolsList: false, setting: 'MCP_TIMEOUT' },
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // It builds mcp__<server>__<tool> with every character outside [A-Za-z0-9_-] replaced by "_": dotted names work
      // there and break only in Claude Desktop (kbanc85/claudia#32, barryw/ImmichMCP#8, anthropics/claude-code#80065).
      effect: 'tolerated',
      source: 'kbanc85/claudia#32, barryw/ImmichMCP#8, anthropics/claude-code#80065',
    },
    // The Anthropic API takes `^[a-zA-Z0-9_-]{1,64}$` and answers 400 otherwise; with tool search the whole session
    // breaks (anthropics/claude-code#2326, #19882).
    exposedName: {
      label: 'mcp__<server>__<tool>',
      build: (server, tool) => `mcp__${underscoreOutsideApiCharset(server)}__${underscoreOutsideApiCharset(tool)}`,
      max: 64,
      effect: 'rejected',
      source: 'anthropics/claude-code#2326, #19882',
    },
    // No per-server cap: MCP tools are deferred behind tool search (§1.6).
    schemas: [ANTHROPIC_TOP_LEVEL_COMBINATOR, CLAUDE_CODE_BOOLEAN_PROPERTY],
  },
  serverNames: {
    // The .mcp.json loader accepts any name (it checks reserved names, type and schema) and builds tool names as
    // mcp__<name with [^a-zA-Z0-9_-] → _>__<tool>; only `claude mcp add` refuses other characters (docs line ~995).
    // Seen reading the Claude Code 2.1.328 binary for "Framelink MCP for Figma" (hosts-sandbox-and-formats.md §1).
    rewritten: {
      regex: /^[a-zA-Z0-9_-]+$/,
      rewrite: underscoreOutsideApiCharset,
      shownAs: (name) => `mcp__${name}__<tool>`,
      note:
        'only `claude mcp add` refuses such a name; permission rules ("allow": ["mcp__…"]) and /mcp__… prompt commands must ' +
        'use the rewritten name',
      source: 'Claude Code 2.1.328 (.mcp.json loader); code.claude.com/docs/en/mcp (claude mcp add)',
    },
    reserved: {
      names: ['workspace', 'claude-in-chrome', 'computer-use', 'Claude Preview', 'Claude Browser'],
      source: 'code.claude.com/docs/en/mcp (reserved server names)',
    },
  },
};
