import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);

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
function prefixedLength(prefix, separator) {
  return (server, tool) => prefix.length + server.length + separator.length + tool.length;
}

// src/profiles/claude-code.ts
var claudeCode = {
  id: "claude-code",
  name: "Claude Code",
  oses: EVERY_OS,
  // Its whole process environment plus `env` (StdioClientTransport({ env: { ...process.env, ...config.env } }), §1.5),
  // started from the project folder, no shell.
  launch: everywhere({ env: "full", path: "inherit", cwd: "workspace" }),
  // The TS SDK's StdioClientTransport spawns through cross-spawn; v2.1.119 removed the "Windows requires 'cmd /c'"
  // warning as a false positive (§1.5, §14.4).
  windowsShims: "resolves",
  // MCP_TIMEOUT, default 30000 ms (docs/env-vars.md line 442).
  startup: { timeoutMs: 3e4, includesToolsList: false, setting: "MCP_TIMEOUT" },
  protocol: TS_SDK_PROTOCOL,
  tools: {
    // The Anthropic API takes `^[a-zA-Z0-9_-]{1,64}$` and answers 400 otherwise; with tool search the whole session
    // breaks (anthropics/claude-code#2326, #19882).
    invalidNames: "rejected",
    exposedName: { label: "mcp__<server>__<tool>", length: prefixedLength("mcp__", "__"), max: 64, effect: "rejected" }
    // No per-server cap: MCP tools are deferred behind tool search (§1.6).
  },
  serverNames: {
    // `claude mcp add` accepts letters, digits, `-` and `_` (docs line ~995); the API name carries the server name.
    pattern: { regex: /^[a-zA-Z0-9_-]+$/, text: 'letters, digits, "-" and "_"' },
    reserved: ["workspace", "claude-in-chrome", "computer-use", "Claude Preview", "Claude Browser"]
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
  // Observed spawning `cmd.exe /C …\npx.cmd …` on Windows (anthropics/claude-code#4188) [3p].
  windowsShims: "resolves",
  // No documented startup timeout.
  protocol: TS_SDK_PROTOCOL,
  // The Anthropic API's name rule; the prefix it adds is not documented.
  tools: { invalidNames: "rejected" }
};

// src/profiles/cline.ts
var cline = {
  id: "cline",
  name: "Cline",
  oses: EVERY_OS,
  // StdioClientTransport({ env: { ...getDefaultEnvironment(), ...config.env } }): only the SDK allow-list [src]; cwd =
  // `cwd` or the extension host's [src; taken as the workspace].
  launch: everywhere({ env: "sdk", path: "inherit", cwd: "workspace" }),
  windowsShims: "resolves",
  // "Internal list requests use 5000 ms" [src]; the tool-call `timeout` defaults to 60 s.
  listTimeoutMs: 5e3,
  protocol: TS_SDK_PROTOCOL,
  // Tools are called through its own `use_mcp_tool(server_name, tool_name)`, not as model functions [src].
  tools: { invalidNames: "tolerated" }
};

// src/profiles/codex.ts
var codex = {
  id: "codex",
  name: "Codex",
  oses: EVERY_OS,
  // `env_clear()` then DEFAULT_ENV_VARS (+ `env_vars`) + `env`; cwd = `cwd` or Codex's own (the project) [src].
  launch: everywhere({ env: "codex", path: "inherit", cwd: "workspace" }),
  // program_resolver.rs: `which` with PATHEXT "enables tools like npx, pnpm, and yarn to work correctly on Windows".
  windowsShims: "resolves",
  // DEFAULT_STARTUP_TIMEOUT = 10 s for "initializing MCP server & initially listing tools" [src].
  startup: { timeoutMs: 1e4, includesToolsList: true, setting: "startup_timeout_sec" },
  // rmcp's client sends 2025-06-18 (rmcp has no 2025-11-25 constant yet) and takes the server's answer as given [3p].
  protocol: { requests: "2025-06-18", accepts: LEGACY_PROTOCOL_VERSIONS },
  tools: {
    // Names are sanitised to `[A-Za-z0-9_-]` before they reach the model [src].
    invalidNames: "tolerated",
    // Over 64 characters the name is cut and suffixed with a SHA-1 of it [src].
    exposedName: { label: "mcp__<server>__<tool>", length: prefixedLength("mcp__", "__"), max: 64, effect: "shortened" },
    // OpenAI: "Maximum of 128 tools are supported" per request [3p].
    maxTools: { limit: 128, effect: "rejected", note: "the OpenAI API takes at most 128 tools per request" }
  },
  serverNames: {
    // validate_mcp_server_name: `^[a-zA-Z0-9_-]+$`, else config.toml does not load [src].
    pattern: { regex: /^[a-zA-Z0-9_-]+$/, text: 'letters, digits, "-" and "_"' }
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
  // Windows: npx, uv, uvx, pnpx, dlx, nx, bunx run as `cmd.exe /c …` [src].
  windowsShims: "resolves",
  // DEFAULT_MCP_TIMEOUT = 20_000 ms connect [src].
  startup: { timeoutMs: 2e4, includesToolsList: false, setting: '"connectionTimeout"' },
  protocol: TS_SDK_PROTOCOL,
  tools: { invalidNames: "unknown" }
};

// src/profiles/cursor.ts
var cursor = {
  id: "cursor",
  name: "Cursor",
  oses: EVERY_OS,
  // Environment, shell, cwd and timeouts are not documented [?]: the MCP SDK's allow-list from the workspace is the
  // assumption (`${workspaceFolder}` is "the folder that contains .cursor/mcp.json").
  launch: everywhere({ env: "sdk", path: "inherit", cwd: "workspace" }),
  windowsShims: "unknown",
  protocol: TS_SDK_PROTOCOL,
  tools: {
    // "Some tools have naming issues and may be filtered out" (ComposioHQ/composio#2788, awslabs/mcp#1283).
    invalidNames: "filtered",
    // "Combined server and tool name length (60) exceeds 60 characters" → the tool is filtered out (same reports).
    exposedName: { label: "<server> + <tool>", length: (server, tool) => server.length + tool.length, max: 60, effect: "filtered" },
    maxTools: {
      limit: 100,
      effect: "truncated",
      note: "Cursor stops at 100 tools (DaxianLee/cocos-mcp-server#11, 2026); older versions sent only the first 40"
    }
  }
};

// src/profiles/gemini.ts
var gemini = {
  id: "gemini",
  name: "Gemini CLI",
  oses: EVERY_OS,
  // Its environment minus `*TOKEN*`, `*KEY*`, `*SECRET*`… (mcp-preflight's `full` policy withholds those too) +
  // GEMINI_CLI=1 + `env`, through the TS SDK (no shell); cwd = `cwd` or the CLI's [src].
  launch: everywhere({ env: "full", path: "inherit", cwd: "workspace" }),
  windowsShims: "resolves",
  // MCP_DEFAULT_TIMEOUT_MSEC = 10 min, used for the connection too [src line 95].
  startup: { timeoutMs: 6e5, includesToolsList: false, setting: '"timeout"' },
  protocol: TS_SDK_PROTOCOL,
  tools: {
    // `mcp_{server}_{tool}`, characters outside `[A-Za-z0-9_.:-]` become `_`, over 63 a middle "..." [doc].
    invalidNames: "tolerated",
    exposedName: { label: "mcp_<server>_<tool>", length: prefixedLength("mcp_", "_"), max: 63, effect: "shortened" }
  },
  serverNames: {
    avoid: { regex: /_/, why: 'its policy parser splits `mcp_<server>_<tool>` at the first "_" after "mcp_"' }
  }
};

// src/profiles/goose.ts
var goose = {
  id: "goose",
  name: "Goose",
  oses: EVERY_OS,
  // Spawn environment, shell and cwd are not documented [?]: the MCP SDK's allow-list is the assumption.
  launch: everywhere({ env: "sdk", path: "inherit", cwd: "workspace" }),
  windowsShims: "unknown",
  // DEFAULT_EXTENSION_TIMEOUT = 300 s [src].
  startup: { timeoutMs: 3e5, includesToolsList: false, setting: '"timeout"' },
  // A Rust client on rmcp, like Codex: 2025-06-18 [?].
  protocol: { requests: "2025-06-18", accepts: LEGACY_PROTOCOL_VERSIONS },
  tools: { invalidNames: "unknown" }
};

// src/profiles/vscode.ts
var vscode = {
  id: "vscode",
  name: "VS Code",
  oses: EVERY_OS,
  // `env = { ...process.env }` + envFile + env; cwd = `cwd` or the workspace folder (startNodeMpc) [src].
  launch: everywhere({ env: "full", path: "inherit", cwd: "workspace" }),
  // Windows: findExecutable, and a `.bat`/`.cmd` result is spawned with `shell: true` and quoted args [src].
  windowsShims: "resolves",
  // No documented timeouts. Its own client implementation; the SDK's versions are the assumption [?].
  protocol: TS_SDK_PROTOCOL,
  tools: {
    // Long prefixed names were fixed in microsoft/vscode#243602; what it does with invalid names is not documented.
    invalidNames: "unknown",
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
  // Spawn environment, shell and cwd are not documented [?]: the MCP SDK's allow-list is the assumption.
  launch: everywhere({ env: "sdk", path: "inherit", cwd: "workspace" }),
  windowsShims: "unknown",
  protocol: TS_SDK_PROTOCOL,
  tools: {
    invalidNames: "unknown",
    // "Cascade has a limit of 100 total tools that it has access to at any given time" [doc].
    maxTools: { limit: 100, effect: "truncated", note: "Cascade has access to at most 100 tools at a time" }
  }
};

// src/profiles/zed.ts
var zed = {
  id: "zed",
  name: "Zed",
  oses: EVERY_OS,
  // Environment and cwd are not documented [?]: the MCP SDK's allow-list from the worktree is the assumption.
  launch: everywhere({ env: "sdk", path: "inherit", cwd: "workspace" }),
  // Since zed-industries/zed#42382 (2025-11) servers start through a shell, which fixed `npx` on Windows (#41435).
  windowsShims: "resolves",
  // Stdio `timeout`: "Defaults to 60" seconds [src].
  startup: { timeoutMs: 6e4, includesToolsList: false, setting: '"timeout"' },
  // crates/context_server/src/types.rs: LATEST_PROTOCOL_VERSION = 2025-11-25, SUPPORTED_PROTOCOL_VERSIONS back to
  // 2024-11-05; an answer outside the list ends the connection (protocol.rs) [src].
  protocol: { requests: "2025-11-25", accepts: LEGACY_PROTOCOL_VERSIONS },
  tools: { invalidNames: "unknown" }
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
  LEGACY_PROTOCOL_VERSIONS,
  MODERN_PROTOCOL_VERSION,
  UNSUPPORTED_PROTOCOL_VERSION,
  PROFILES,
  ALL_CLIENTS,
  clientName,
  unknownClients,
  selectProfiles
};
