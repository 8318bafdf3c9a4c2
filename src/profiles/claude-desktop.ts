import type { ClientProfile } from '../model/profile.js';
import { MODEL_API_NAMES, TS_SDK_PROTOCOL } from './shared.js';

/** Claude Desktop. Sources: client-configs.md §2 (modelcontextprotocol docs connect-local-servers, debugging). */
export const claudeDesktop: ClientProfile = {
  id: 'claude-desktop',
  name: 'Claude Desktop',
  // "Claude Desktop is available for macOS and Windows".
  oses: ['darwin', 'win32'],
  // "inherit only a limited subset of environment variables" (older docs: USER, HOME, PATH); the working directory
  // "may be undefined (like `/` on macOS) … Always use absolute paths". Opened from the Dock it has launchd's PATH
  // /usr/bin:/bin:/usr/sbin:/sbin, without Homebrew, nvm or ~/.local/bin (§14.3; newer builds reportedly add some
  // node installs to PATH themselves [3p], so a pass here is the safe side).
  launch: (os) => ({ env: 'sdk', path: os === 'darwin' ? 'macos-gui' : 'inherit', cwd: 'filesystem-root' }),
  launchKnown: true,
  // Observed spawning `cmd.exe /C …\npx.cmd …` on Windows (anthropics/claude-code#4188) [3p].
  windowsShims: 'resolves',
  // No documented startup timeout.
  protocol: TS_SDK_PROTOCOL,
  tools: {
    names: {
      ...MODEL_API_NAMES,
      // It sends the raw tool name and validates it: "tools.N.FrontendRemoteMcpToolDefinition.name: String should match
      // pattern '^[a-zA-Z0-9_-]{1,64}$'", and every chat fails while the server is enabled.
      text: "^[a-zA-Z0-9_-]{1,64}$ (the Anthropic API's rule, checked by Claude Desktop itself)",
      effect: 'rejected',
      source: 'barryw/ImmichMCP#3, loomle/loomle#168, evoila/meho#2745, NetApp/netapp-dataops-toolkit#38',
    },
    // The prefix it adds, if any, is not documented: no length rule beyond the name's own 64 characters.
    // Top-level oneOf/anyOf/allOf are reported to work here (anthropics/claude-code#45106, ProfSynapse/nexus#6).
  },
};
