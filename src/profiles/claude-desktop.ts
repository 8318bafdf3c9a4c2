import type { ClientProfile } from '../model/profile.js';
import { TS_SDK_PROTOCOL } from './shared.js';

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
  // Observed spawning `cmd.exe /C …\npx.cmd …` on Windows (anthropics/claude-code#4188) [3p].
  windowsShims: 'resolves',
  // No documented startup timeout.
  protocol: TS_SDK_PROTOCOL,
  // The Anthropic API's name rule; the prefix it adds is not documented.
  tools: { invalidNames: 'rejected' },
};
