import { secrets } from '../../src/checks/secrets.js';
import { maskCredentials } from '../../src/checks/util/credentials.js';
import type { ResolvedServer } from '../../src/model/spec.js';
import { describe, expect, it } from 'vitest';
import { testCheck } from './check-tester.js';
import { at, context } from './transcript-builder.js';

// Built at run time so the repository never contains anything a secret scanner would flag.
const github = 'ghp_' + 'Ab1Cd2Ef3G'.repeat(4).slice(0, 36);
const fineGrained = 'github_pat_' + '11ABCDEFG0'.repeat(3) + '_' + 'xY9'.repeat(20);
const anthropic = 'sk-' + 'ant-api03-' + 'Zx8Yw7Vu6T'.repeat(9);
const openai = 'sk-' + 'proj-' + 'Qa1Ws2Ed3R'.repeat(8);
const slack = 'xo' + 'xb-1234567890-0987654321-' + 'aBcDeFgHiJkL';
const aws = 'AK' + 'IA' + 'IOSFODNN7EXAMPL1';
const google = 'AI' + 'za' + 'SyD-1234567890abcdefghijKLMNOPQRSTU';
const gitlab = 'gl' + 'pat-' + 'x1Y2z3A4b5C6d7E8f9G0';
const opaque = 'q8Xr2LmT7vPz9KsW4nBc';

function withSpec(patch: (s: ResolvedServer['spec']) => void) {
  return context({
    transcript: null,
    server: (s) => {
      patch(s.spec);
    },
  });
}

testCheck(secrets, {
  valid: [
    { name: 'no credentials', ctx: context(), status: 'pass' },
    {
      name: 'variables, not literals',
      ctx: withSpec((s) => {
        s.env = { GITHUB_TOKEN: '${GITHUB_TOKEN}', OPENAI_API_KEY: '${env:OPENAI_API_KEY}' };
        s.headers = { Authorization: 'Bearer ${API_TOKEN}' };
      }),
      status: 'pass',
    },
    {
      name: 'sk- inside a longer word and a package name are not keys',
      ctx: withSpec((s) => {
        s.args = ['--task-runner-configuration-file-name', 'sk-learn-mcp-server-integration-v2', 'mask-ABCDEFGHIJKLMNOPQRSTUVWXYZ123'];
      }),
      status: 'pass',
    },
    {
      name: 'placeholders and paths under secret-sounding names',
      ctx: withSpec((s) => {
        s.env = { API_KEY: 'your-api-key-here', TOKEN_FILE: '/run/secrets/tokenFile2024ABC', TOKENIZER: 'bert-base-uncased-v2' };
      }),
      status: 'pass',
    },
  ],
  invalid: [
    {
      name: 'a GitHub token in env, masked',
      ctx: withSpec((s) => {
        s.env = { GITHUB_TOKEN: github };
        s.fieldPositions['env.GITHUB_TOKEN'] = at(9, 25);
      }),
      status: 'fail',
      message: [/env\.GITHUB_TOKEN holds a literal GitHub token \(ghp_…, 40 chars\)/, /"\$\{GITHUB_TOKEN\}"/, /revoke/],
      position: { line: 9, column: 25 },
      never: [github, github.slice(4)],
    },
    {
      name: 'every well-known prefix',
      ctx: withSpec((s) => {
        s.env = { A: fineGrained, B: anthropic, C: openai, D: slack, E: aws, F: google, G: gitlab };
      }),
      status: 'fail',
      outcomes: 7,
      message: [
        /github_pat_…/,
        /Anthropic API key \(sk-ant-…/,
        /OpenAI-style secret key \(sk-proj-…/,
        /Slack token \(xoxb-…/,
        /AWS access key id \(AKIA…/,
        /Google API key/,
        /GitLab token/,
      ],
      never: [fineGrained, anthropic, openai, slack, aws, google, gitlab],
    },
    {
      name: 'a literal Bearer header in VS Code suggests ${env:}',
      ctx: withSpec((s) => {
        s.client = 'vscode';
        s.headers = { Authorization: `Bearer ${opaque}` };
        s.fieldPositions['headers.Authorization'] = at(6, 30);
      }),
      status: 'fail',
      message: [
        /headers\.Authorization holds a literal Bearer credential \(20 chars\)/,
        /"Bearer \$\{env:API_TOKEN\}"/,
        /"password": true/,
      ],
      position: { line: 6, column: 30 },
      never: [opaque],
    },
    {
      name: 'a token in an --flag=value argument',
      ctx: withSpec((s) => void (s.args = ['server.js', `--github-token=${github}`])),
      status: 'fail',
      message: [/args\.1 .*GitHub token/, /"--github-token=\$\{GITHUB_TOKEN\}"/],
      never: [github],
    },
    {
      name: 'a default value in ${VAR:-…} is committed too',
      ctx: withSpec((s) => void (s.env = { GITHUB_TOKEN: `\${GITHUB_TOKEN:-${github}}` })),
      status: 'fail',
      never: [github],
    },
    {
      name: 'a password in the url',
      ctx: withSpec((s) => void Object.assign(s, { transport: 'http', url: `https://admin:${opaque}@example.com/mcp` })),
      status: 'fail',
      message: /password in the URL \(20 chars\)/,
      never: [opaque],
    },
    {
      name: 'an opaque value under a credential name is a warning',
      ctx: withSpec((s) => void (s.env = { SERVICE_API_KEY: opaque })),
      status: 'warn',
      message: /what looks like a literal credential \(20 chars\)/,
      never: [opaque],
    },
    {
      name: 'Claude Desktop cannot reference variables',
      ctx: withSpec((s) => {
        s.client = 'claude-desktop';
        s.env = { GITHUB_TOKEN: github };
      }),
      status: 'fail',
      message: /does not expand variables/,
      never: [github],
    },
  ],
});

describe('maskCredentials', () => {
  it('masks well-known tokens in free text and keeps the rest', () => {
    const masked = maskCredentials(`auth with ${github} failed for task-runner`);
    expect(masked).toBe('auth with ghp_*** failed for task-runner');
  });
});
