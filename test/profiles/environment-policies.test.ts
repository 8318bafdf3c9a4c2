import { describe, expect, it } from 'vitest';
import {
  buildServerEnvironment,
  CODEX_INHERITED_ENV_VARS,
  isWithheldFromFullEnvironment,
  MACOS_GUI_PATH,
} from '../../src/launch/environment.js';

const host = {
  HOME: '/home/dev',
  PATH: '/home/dev/.nvm/versions/node/v22/bin:/usr/local/bin:/usr/bin',
  SHELL: '/bin/zsh',
  TERM: 'xterm',
  USER: 'dev',
  LOGNAME: 'dev',
  LANG: 'en_US.UTF-8',
  TZ: 'Europe/Paris',
  TMPDIR: '/tmp',
  NVM_DIR: '/home/dev/.nvm',
  EDITOR: 'vim',
  GITHUB_TOKEN: 'ghs_runner_token',
  GITHUB_WORKSPACE: '/w',
  INPUT_FAIL_ON: 'error',
  RUNNER_TEMP: '/r',
  ACTIONS_RUNTIME_URL: 'https://x',
  OPENAI_API_KEY: 'sk-live',
  NPM_AUTH: 'x',
  DB_PASSWORD: 'hunter2',
  BASH_FUNC_f: '() { echo; }',
};

describe('environment policies', () => {
  it('keeps the SDK allow-list as the default', () => {
    expect(Object.keys(buildServerEnvironment({ platform: 'linux', hostEnv: host, configEnv: {} })).sort()).toEqual([
      'HOME',
      'LOGNAME',
      'PATH',
      'SHELL',
      'TERM',
      'USER',
    ]);
  });

  it("passes Codex's allow-list", () => {
    const env = buildServerEnvironment({ platform: 'linux', hostEnv: host, configEnv: {}, policy: 'codex' });
    expect(Object.keys(env).sort()).toEqual(['HOME', 'LANG', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'TMPDIR', 'TZ', 'USER']);
    expect(CODEX_INHERITED_ENV_VARS.win32).toContain('PATHEXT');
  });

  it('passes the whole environment minus credentials, CI variables and shell functions', () => {
    const env = buildServerEnvironment({ platform: 'linux', hostEnv: host, configEnv: { API_TOKEN: 'from-config' }, policy: 'full' });
    expect(env).toMatchObject({ NVM_DIR: '/home/dev/.nvm', EDITOR: 'vim', LANG: 'en_US.UTF-8', API_TOKEN: 'from-config' });
    for (const withheld of [
      'GITHUB_TOKEN',
      'GITHUB_WORKSPACE',
      'INPUT_FAIL_ON',
      'RUNNER_TEMP',
      'ACTIONS_RUNTIME_URL',
      'OPENAI_API_KEY',
      'NPM_AUTH',
      'DB_PASSWORD',
      'BASH_FUNC_f',
    ]) {
      expect(env[withheld], withheld).toBeUndefined();
    }
    expect(isWithheldFromFullEnvironment('github_token')).toBe(true);
    expect(isWithheldFromFullEnvironment('PATH')).toBe(false);
  });

  it('replaces PATH with the macOS GUI PATH, which the config env still overrides', () => {
    expect(buildServerEnvironment({ platform: 'darwin', hostEnv: host, configEnv: {}, pathOverride: MACOS_GUI_PATH }).PATH).toBe(
      '/usr/bin:/bin:/usr/sbin:/sbin',
    );
    expect(
      buildServerEnvironment({
        platform: 'darwin',
        hostEnv: host,
        configEnv: { PATH: '/opt/homebrew/bin:/usr/bin' },
        pathOverride: MACOS_GUI_PATH,
      }).PATH,
    ).toBe('/opt/homebrew/bin:/usr/bin');
  });

  it('replaces a Windows Path case-insensitively', () => {
    const env = buildServerEnvironment({
      platform: 'win32',
      hostEnv: { Path: 'C:\\a', SystemRoot: 'C:\\Windows' },
      configEnv: {},
      policy: 'full',
      pathOverride: 'C:\\b',
    });
    expect(Object.keys(env).filter((k) => k.toUpperCase() === 'PATH')).toEqual(['PATH']);
    expect(env.PATH).toBe('C:\\b');
  });
});
