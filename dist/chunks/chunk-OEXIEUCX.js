import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);

// src/checks/util/text.ts
var invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\uFFFE\uFFFF]/gu;
function escapeChar(char) {
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "	") return "\\t";
  const code = char.codePointAt(0) ?? 0;
  const hex = code.toString(16);
  if (code <= 255) return `\\x${hex.padStart(2, "0")}`;
  return code <= 65535 ? `\\u${hex.padStart(4, "0")}` : `\\u{${hex}}`;
}
function showInvisible(text) {
  return text.replace(invisible, escapeChar);
}
function excerpt(text, max = 120) {
  const chars = Array.from(text);
  const cut = chars.length > max;
  const kept = (cut ? chars.slice(0, max) : chars).join("");
  return showInvisible(kept) + (cut ? "\u2026" : "");
}
function quoted(text, max = 80) {
  return `"${excerpt(text, max)}"`;
}
function formatMs(ms) {
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  return `${(ms / 1e3).toFixed(1)} s`;
}
function count(n, singular, pluralForm = `${singular}s`) {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
function jsonExcerpt(value, max = 160) {
  let json;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = String(value);
  }
  return excerpt(json, max);
}
function listSome(items, shown = 5) {
  if (items.length <= shown) return items.join(", ");
  return `${items.slice(0, shown).join(", ")} and ${items.length - shown} more`;
}

// src/report/untrusted-text.ts
function breakCommandMarkers(text) {
  return text.replace(/:(?=:)/g, ":\u200B").replace(/#(?=#\[)/g, "#\u200B");
}
function forTerminal(text) {
  return breakCommandMarkers(showInvisible(text));
}
function terminalLines(text) {
  return text.split(/\r\n|\r|\n/).map(forTerminal);
}

// src/profiles/schema-dialects.ts
var COMBINATORS = ["oneOf", "anyOf", "allOf"];
var ANTHROPIC_TOP_LEVEL_COMBINATOR = {
  owner: "the Anthropic API",
  find: (schema) => {
    const found = COMBINATORS.filter((keyword) => keyword in schema);
    return found.length > 0 ? `${found.map((k) => `"${k}"`).join(", ")} at the top level` : void 0;
  },
  effect: "rejected",
  consequence: 'every request of the session fails with 400 "input_schema does not support oneOf, allOf, or anyOf at the top level" (Claude Code sends every tool with every request, sub-agents included)',
  fix: 'Keep "type": "object" and "properties" at the top and move the alternatives into a property, or express them with a top-level "if"/"then" or "not" (which the API takes), or in the description.',
  source: "anthropics/claude-code#5319, #5973, #45106"
};
var CLAUDE_CODE_BOOLEAN_PROPERTY = {
  owner: "Claude Code",
  find: (schema) => {
    const properties = schema["properties"];
    if (typeof properties !== "object" || properties === null || Array.isArray(properties)) return void 0;
    const booleans = Object.entries(properties).filter(([, value]) => typeof value === "boolean");
    return booleans.length > 0 ? `a boolean schema at ${booleans.map(([name]) => `properties.${name}`).join(", ")}` : void 0;
  },
  effect: "risky",
  consequence: "reported to make Claude Code drop every tool of the server without a message (the SDK-bundled CLI cannot convert a boolean property schema; open as of 2026-09)",
  fix: "Write the property as {} (any value) or give it a type, instead of true/false.",
  source: "anthropics/claude-code#92900, #82949"
};
var GEMINI_CYCLIC_REF = {
  owner: "the Gemini API",
  find: (schema) => cyclicRef(schema),
  effect: "rejected",
  consequence: 'the Gemini API fails every request while the tool is enabled ("maximum schema depth exceeded" or "Request contains an invalid argument"); Gemini CLI then suggests excluding the tool with "excludeTools"',
  fix: 'Bound the recursion: inline a fixed depth of the recursive structure, or type the recursive part as an object without "$ref".',
  source: "google-gemini/gemini-cli@5411f113 packages/core/src/core/geminiChat.ts, packages/core/src/tools/tools.ts (hasCycleInSchema)"
};
var MAX_NODES = 2e4;
function cyclicRef(schema) {
  let visited = 0;
  const resolve = (ref) => {
    if (!ref.startsWith("#/")) return void 0;
    let current = schema;
    for (const raw of ref.slice(2).split("/")) {
      const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (typeof current !== "object" || current === null || !Object.hasOwn(current, segment)) return void 0;
      current = current[segment];
    }
    return current;
  };
  const checked = /* @__PURE__ */ new Set();
  const walk = (node, path) => {
    if (typeof node !== "object" || node === null || ++visited > MAX_NODES) return void 0;
    if (Array.isArray(node)) {
      for (const item of node) {
        const found2 = walk(item, path);
        if (found2) return found2;
      }
      return void 0;
    }
    const ref = node["$ref"];
    if (typeof ref === "string") {
      if (ref === "#" || ref === "#/" || path.has(ref)) return ref;
      if (!checked.has(ref)) {
        const target = resolve(ref);
        if (target !== void 0) {
          checked.add(ref);
          path.add(ref);
          const found2 = walk(target, path);
          path.delete(ref);
          if (found2) return found2;
        }
      }
    }
    for (const value of Object.values(node)) {
      const found2 = walk(value, path);
      if (found2) return found2;
    }
    return void 0;
  };
  const found = walk(schema, /* @__PURE__ */ new Set());
  return found === void 0 ? void 0 : `a "$ref" cycle through ${JSON.stringify(found).slice(0, 80)}`;
}

// src/profiles/shared.ts
var EVERY_OS = ["darwin", "linux", "win32"];
var TS_SDK_PROTOCOL = {
  requests: "2025-11-25",
  accepts: ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05", "2024-10-07"]
};
var LEGACY_PROTOCOL_VERSIONS = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];
var MODERN_PROTOCOL_VERSION = "2026-07-28";
var UNSUPPORTED_PROTOCOL_VERSION = -32022;
function everywhere(policy) {
  return () => policy;
}
function underscoreOutsideApiCharset(text) {
  return text.replace(/[^a-zA-Z0-9_-]/g, "_");
}
var MODEL_API_NAMES = {
  pattern: /^[a-zA-Z0-9_-]{1,64}$/,
  max: 64,
  text: "^[a-zA-Z0-9_-]{1,64}$ (the Anthropic and OpenAI APIs' rule)"
};

// src/profiles/claude-code.ts
var claudeCode = {
  id: "claude-code",
  name: "Claude Code",
  oses: EVERY_OS,
  // Its whole process environment plus `env` (StdioClientTransport({ env: { ...process.env, ...config.env } }), §1.5),
  // started from the project folder, no shell.
  launch: everywhere({ env: "full", path: "inherit", cwd: "workspace" }),
  launchKnown: true,
  // The TS SDK's StdioClientTransport spawns through cross-spawn; v2.1.119 removed the "Windows requires 'cmd /c'"
  // warning as a false positive (§1.5, §14.4).
  windowsShims: "resolves",
  // MCP_TIMEOUT, default 30000 ms (docs/env-vars.md line 442).
  startup: { timeoutMs: 3e4, includesToolsList: false, setting: "MCP_TIMEOUT" },
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // It builds mcp__<server>__<tool> with every character outside [A-Za-z0-9_-] replaced by "_": dotted names work
      // there and break only in Claude Desktop (kbanc85/claudia#32, barryw/ImmichMCP#8, anthropics/claude-code#80065).
      effect: "tolerated",
      source: "kbanc85/claudia#32, barryw/ImmichMCP#8, anthropics/claude-code#80065"
    },
    // The Anthropic API takes `^[a-zA-Z0-9_-]{1,64}$` and answers 400 otherwise; with tool search the whole session
    // breaks (anthropics/claude-code#2326, #19882).
    exposedName: {
      label: "mcp__<server>__<tool>",
      build: (server, tool) => `mcp__${underscoreOutsideApiCharset(server)}__${underscoreOutsideApiCharset(tool)}`,
      max: 64,
      effect: "rejected",
      source: "anthropics/claude-code#2326, #19882"
    },
    // No per-server cap: MCP tools are deferred behind tool search (§1.6).
    schemas: [ANTHROPIC_TOP_LEVEL_COMBINATOR, CLAUDE_CODE_BOOLEAN_PROPERTY]
  },
  serverNames: {
    // The .mcp.json loader accepts any name (it checks reserved names, type and schema) and builds tool names as
    // mcp__<name with [^a-zA-Z0-9_-] → _>__<tool>; only `claude mcp add` refuses other characters (docs line ~995).
    // Seen reading the Claude Code 2.1.328 binary for "Framelink MCP for Figma" (hosts-sandbox-and-formats.md §1).
    rewritten: {
      regex: /^[a-zA-Z0-9_-]+$/,
      rewrite: underscoreOutsideApiCharset,
      shownAs: (name) => `mcp__${name}__<tool>`,
      note: 'only `claude mcp add` refuses such a name; permission rules ("allow": ["mcp__\u2026"]) and /mcp__\u2026 prompt commands must use the rewritten name',
      source: "Claude Code 2.1.328 (.mcp.json loader); code.claude.com/docs/en/mcp (claude mcp add)"
    },
    reserved: {
      names: ["workspace", "claude-in-chrome", "computer-use", "Claude Preview", "Claude Browser"],
      source: "code.claude.com/docs/en/mcp (reserved server names)"
    }
  }
};

// src/profiles/claude-desktop.ts
var claudeDesktop = {
  id: "claude-desktop",
  name: "Claude Desktop",
  // "Claude Desktop is available for macOS and Windows".
  oses: ["darwin", "win32"],
  // "inherit only a limited subset of environment variables" (older docs: USER, HOME, PATH); the working directory
  // "may be undefined (like `/` on macOS) … Always use absolute paths". Opened from the Dock it has launchd's PATH
  // /usr/bin:/bin:/usr/sbin:/sbin, without Homebrew, nvm or ~/.local/bin (§14.3; newer builds reportedly add some
  // node installs to PATH themselves [3p], so a pass here is the safe side).
  launch: (os) => ({ env: "sdk", path: os === "darwin" ? "macos-gui" : "inherit", cwd: "filesystem-root" }),
  launchKnown: true,
  // Observed spawning `cmd.exe /C …\npx.cmd …` on Windows (anthropics/claude-code#4188) [3p].
  windowsShims: "resolves",
  // No documented startup timeout.
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // It sends the raw tool name and validates it: "tools.N.FrontendRemoteMcpToolDefinition.name: String should match
      // pattern '^[a-zA-Z0-9_-]{1,64}$'", and every chat fails while the server is enabled.
      text: "^[a-zA-Z0-9_-]{1,64}$ (the Anthropic API's rule, checked by Claude Desktop itself)",
      effect: "rejected",
      source: "barryw/ImmichMCP#3, loomle/loomle#168, evoila/meho#2745, NetApp/netapp-dataops-toolkit#38"
    }
    // The prefix it adds, if any, is not documented: no length rule beyond the name's own 64 characters.
    // Top-level oneOf/anyOf/allOf are reported to work here (anthropics/claude-code#45106, ProfSynapse/nexus#6).
  }
};

// src/profiles/cline.ts
var cline = {
  id: "cline",
  name: "Cline",
  oses: EVERY_OS,
  // StdioClientTransport({ env: { ...getDefaultEnvironment(), ...config.env } }): only the SDK allow-list [src]; cwd =
  // `cwd` or the extension host's [src; taken as the workspace].
  launch: everywhere({ env: "sdk", path: "inherit", cwd: "workspace" }),
  launchKnown: true,
  windowsShims: "resolves",
  // "Internal list requests use 5000 ms" [src]; the tool-call `timeout` defaults to 60 s.
  listTimeoutMs: 5e3,
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // Tools are called through its own `use_mcp_tool(server_name, tool_name)`, not as model functions.
      effect: "tolerated",
      source: 'cline/cline@21cb8d25 apps/vscode/src/shared/tools.ts (MCP_USE = "use_mcp_tool")'
    }
  }
};

// src/profiles/codex.ts
var codex = {
  id: "codex",
  name: "Codex",
  oses: EVERY_OS,
  // `env_clear()` then DEFAULT_ENV_VARS (+ `env_vars`) + `env`; cwd = `cwd` or Codex's own (the project) [src].
  launch: everywhere({ env: "codex", path: "inherit", cwd: "workspace" }),
  launchKnown: true,
  // program_resolver.rs: `which` with PATHEXT "enables tools like npx, pnpm, and yarn to work correctly on Windows".
  windowsShims: "resolves",
  // DEFAULT_STARTUP_TIMEOUT = 10 s for "initializing MCP server & initially listing tools" [src].
  startup: { timeoutMs: 1e4, includesToolsList: true, setting: "startup_timeout_sec" },
  // rmcp's client sends 2025-06-18 (rmcp has no 2025-11-25 constant yet) and takes the server's answer as given [3p;
  // not re-verified here: the codex snapshot is too large to fetch, and protocol-versions only ever warns].
  protocol: { requests: "2025-06-18", accepts: LEGACY_PROTOCOL_VERSIONS },
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // Names are sanitised to `[A-Za-z0-9_-]` before they reach the model.
      effect: "tolerated",
      source: "openai/codex codex-rs/core/src/mcp_connection_manager.rs (client-configs.md \xA77)"
    },
    // Over 64 characters the name is cut and suffixed with a SHA-1 of it [src].
    exposedName: {
      label: "mcp__<server>__<tool>",
      build: (server, tool) => `mcp__${underscoreOutsideApiCharset(server)}__${underscoreOutsideApiCharset(tool)}`,
      max: 64,
      effect: "shortened",
      source: "openai/codex codex-rs/core/src/mcp_connection_manager.rs (client-configs.md \xA77)"
    },
    // OpenAI: "Maximum of 128 tools are supported" per request [3p].
    maxTools: { limit: 128, effect: "rejected", note: "the OpenAI API takes at most 128 tools per request" }
  },
  serverNames: {
    // validate_mcp_server_name: `^[a-zA-Z0-9_-]+$`, else config.toml does not load [src].
    refused: {
      regex: /^[a-zA-Z0-9_-]+$/,
      text: 'letters, digits, "-" and "_"',
      where: "config.toml does not load",
      source: "openai/codex codex-rs/config/src/mcp_types.rs validate_mcp_server_name"
    }
  }
};

// src/profiles/continue.ts
var continueDev = {
  id: "continue",
  name: "Continue",
  oses: EVERY_OS,
  // HOME/USER/USERPROFILE/LOGNAME/USERNAME + `env` + the login shell's PATH, merged with the SDK allow-list: the
  // allow-list with the user's PATH is what that amounts to; cwd = `cwd` or the workspace root [src].
  launch: everywhere({ env: "sdk", path: "inherit", cwd: "workspace" }),
  launchKnown: true,
  // Windows: npx, uv, uvx, pnpx, dlx, nx, bunx run as `cmd.exe /c …` [src].
  windowsShims: "resolves",
  // DEFAULT_MCP_TIMEOUT = 20_000 ms connect [src].
  startup: { timeoutMs: 2e4, includesToolsList: false, setting: '"connectionTimeout"' },
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // It hands `<server>_<tool>` to whichever model provider is configured, with only the server part sanitised: whether
      // a name is rejected depends on that provider, so nothing is claimed.
      effect: "unknown",
      source: "continuedev/continue@d0a3c0b6 core/tools/mcpToolName.ts"
    }
  }
};

// src/profiles/cursor.ts
var cursor = {
  id: "cursor",
  name: "Cursor",
  oses: EVERY_OS,
  // Environment, shell, cwd and timeouts are not documented, and no issue or source shows them: the MCP SDK's
  // allow-list from the workspace (`${workspaceFolder}` is "the folder that contains .cursor/mcp.json") stands in.
  launch: everywhere({ env: "sdk", path: "inherit", cwd: "workspace" }),
  launchKnown: false,
  windowsShims: "unknown",
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // "Some tools have naming issues and may be filtered out".
      effect: "filtered",
      source: "ComposioHQ/composio#2788, awslabs/mcp#1283"
    },
    // "Combined server and tool name length (60) exceeds 60 characters" → the tool is filtered out (same reports).
    exposedName: {
      label: "<server> + <tool>",
      build: (server, tool) => `${server}${tool}`,
      max: 60,
      effect: "filtered",
      source: "ComposioHQ/composio#2788, executeautomation/mcp-playwright#145, awslabs/mcp#1283"
    },
    maxTools: {
      limit: 100,
      effect: "truncated",
      note: "Cursor stops at 100 tools (DaxianLee/cocos-mcp-server#11, 2026); older versions sent only the first 40"
    }
  }
};

// src/profiles/gemini.ts
var GEMINI_CLI = "google-gemini/gemini-cli@5411f113";
var gemini = {
  id: "gemini",
  name: "Gemini CLI",
  oses: EVERY_OS,
  // Its environment minus `*TOKEN*`, `*KEY*`, `*SECRET*`… (mcp-preflight's `full` policy withholds those too) +
  // GEMINI_CLI=1 + `env`, through the TS SDK (no shell); cwd = `cwd` or the CLI's [src].
  launch: everywhere({ env: "full", path: "inherit", cwd: "workspace" }),
  launchKnown: true,
  windowsShims: "resolves",
  // MCP_DEFAULT_TIMEOUT_MSEC = 10 min, used for the connection too [src line 95].
  startup: { timeoutMs: 6e5, includesToolsList: false, setting: '"timeout"' },
  protocol: TS_SDK_PROTOCOL,
  tools: {
    // generateValidName: `mcp_` + `{server}_{tool}`, characters outside `[A-Za-z0-9_.:-]` become `_`, a name that does
    // not start with a letter or `_` gets a `_`, and over 63 characters the middle becomes "...".
    names: {
      pattern: /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/,
      text: "^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$ (the Gemini API's rule)",
      max: 64,
      effect: "tolerated",
      source: `${GEMINI_CLI} packages/core/src/tools/mcp-tool.ts generateValidName`
    },
    exposedName: {
      label: "mcp_<server>_<tool>",
      build: (server, tool) => `mcp_${server}_${tool}`.replace(/[^a-zA-Z0-9_\-.:]/g, "_"),
      max: 63,
      effect: "shortened",
      source: `${GEMINI_CLI} packages/core/src/tools/mcp-tool.ts generateValidName`
    },
    schemas: [GEMINI_CYCLIC_REF]
  },
  serverNames: {
    // Characters outside [A-Za-z0-9.:-] are or become "_" in `mcp_<server>_<tool>`.
    avoid: {
      regex: /[^a-zA-Z0-9.:-]/,
      why: 'its policy parser splits mcp_<server>_<tool> at the first "_" after "mcp_", and every character outside letters, digits, ".", ":" and "-" is or becomes "_", so policy rules for this server silently do not match',
      source: `${GEMINI_CLI} docs/tools/mcp-server.md, docs/reference/policy-engine.md`
    }
  }
};

// src/profiles/goose.ts
var goose = {
  id: "goose",
  name: "Goose",
  oses: EVERY_OS,
  // Spawn environment, shell and cwd are not documented, and the block/goose snapshot is too large to read here: the MCP
  // SDK's allow-list stands in.
  launch: everywhere({ env: "sdk", path: "inherit", cwd: "workspace" }),
  launchKnown: false,
  windowsShims: "unknown",
  // DEFAULT_EXTENSION_TIMEOUT = 300 s [src].
  startup: { timeoutMs: 3e5, includesToolsList: false, setting: '"timeout"' },
  // A Rust client on rmcp, like Codex: 2025-06-18. No source read (see launch); protocol-versions only ever warns.
  protocol: { requests: "2025-06-18", accepts: LEGACY_PROTOCOL_VERSIONS },
  tools: { names: { ...MODEL_API_NAMES, effect: "unknown", source: "none found" } }
};

// src/profiles/vscode.ts
var VSCODE_MCP = "microsoft/vscode src/vs/workbench/contrib/mcp/common";
var vscode = {
  id: "vscode",
  name: "VS Code",
  oses: EVERY_OS,
  // `env = { ...process.env }` + envFile + env; cwd = `cwd` or the workspace folder (startNodeMpc) [src].
  launch: everywhere({ env: "full", path: "inherit", cwd: "workspace" }),
  launchKnown: true,
  // Windows: findExecutable, and a `.bat`/`.cmd` result is spawned with `shell: true` and quoted args [src].
  windowsShims: "resolves",
  // No documented timeouts. Its own client (mcpServerRequestHandler.ts @1418a96b) sends its vendored schema's
  // LATEST_PROTOCOL_VERSION and does not check the version the server answers; the stored copies are older than the
  // VS Code in use, so the SDK's list stands in (protocol-versions only ever warns).
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      pattern: /^[a-zA-Z0-9_-]+$/,
      text: "[a-z0-9_-], case-insensitive (VS Code's rule)",
      // `_normalizeTool`: a name with other characters is logged and rewritten with "_"; tool ids are cut to its maximum.
      effect: "tolerated",
      source: `${VSCODE_MCP}/mcpServer.ts @0052d689 (_normalizeTool, McpTool)`
    },
    // "A chat request can have a maximum of 128 tools enabled at a time" (code.visualstudio.com agent-tools) [doc].
    maxTools: {
      limit: 128,
      effect: "rejected",
      note: 'a chat request can have at most 128 tools enabled ("Cannot have more than 128 tools per request")'
    }
  }
};

// src/profiles/windsurf.ts
var windsurf = {
  id: "windsurf",
  name: "Windsurf",
  oses: EVERY_OS,
  // Spawn environment, shell and cwd are not documented and no source shows them (closed source): the MCP SDK's
  // allow-list stands in.
  launch: everywhere({ env: "sdk", path: "inherit", cwd: "workspace" }),
  launchKnown: false,
  windowsShims: "unknown",
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: { ...MODEL_API_NAMES, effect: "unknown", source: "none found" },
    // "Cascade has a limit of 100 total tools that it has access to at any given time" [doc].
    maxTools: { limit: 100, effect: "truncated", note: "Cascade has access to at most 100 tools at a time" }
  }
};

// src/profiles/zed.ts
var zed = {
  id: "zed",
  name: "Zed",
  oses: EVERY_OS,
  // StdioTransport::new: a plain Command with `.args(args).envs(env)` and no env_clear, so the server gets Zed's whole
  // environment plus `env`; Client::stdio passes a working directory (the worktree)
  // [src crates/context_server/src/transport/stdio_transport.rs @11e0c3b9, client.rs].
  launch: everywhere({ env: "full", path: "inherit", cwd: "workspace" }),
  launchKnown: true,
  // Since zed-industries/zed#42382 (2025-11) servers start through a shell, which fixed `npx` on Windows (#41435).
  windowsShims: "resolves",
  // Stdio `timeout`: "Defaults to 60" seconds [src].
  startup: { timeoutMs: 6e4, includesToolsList: false, setting: '"timeout"' },
  // crates/context_server/src/types.rs: LATEST_PROTOCOL_VERSION = 2025-11-25, SUPPORTED_PROTOCOL_VERSIONS back to
  // 2024-11-05; an answer outside the list ends the connection (protocol.rs) [src].
  protocol: { requests: "2025-11-25", accepts: LEGACY_PROTOCOL_VERSIONS },
  tools: { names: { ...MODEL_API_NAMES, effect: "unknown", source: "none found" } }
};

// src/profiles/index.ts
var PROFILES = [
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
  goose
];
var ALL_CLIENTS = "all";
var FALLBACK_PROFILE = claudeCode;
var byId = new Map(PROFILES.map((profile) => [profile.id, profile]));
function clientName(id) {
  return byId.get(id)?.name ?? id;
}
function unknownClients(requested) {
  return requested.filter((id) => id !== ALL_CLIENTS && !byId.has(id));
}
function selectProfiles(requested, declaringClient) {
  if (requested.includes(ALL_CLIENTS)) return [...PROFILES];
  const chosen = PROFILES.filter((profile) => requested.includes(profile.id));
  if (chosen.length > 0) return chosen;
  return [byId.get(declaringClient) ?? FALLBACK_PROFILE];
}

export {
  showInvisible,
  excerpt,
  quoted,
  formatMs,
  count,
  jsonExcerpt,
  listSome,
  forTerminal,
  terminalLines,
  LEGACY_PROTOCOL_VERSIONS,
  MODERN_PROTOCOL_VERSION,
  UNSUPPORTED_PROTOCOL_VERSION,
  claudeCode,
  PROFILES,
  ALL_CLIENTS,
  clientName,
  unknownClients,
  selectProfiles
};
