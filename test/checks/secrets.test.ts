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
const stripeLive = 'sk_' + 'live_' + '51HxYz2eZvKYlo2C9a8Bc7De6Fg5Hi4Jk3Lm2';
const stripeTest = 'sk_' + 'test_' + '4eC39HqLyjWDarjtT1zdp7dc';
const stripeRestricted = 'rk_' + 'live_' + '51HxYz2eZvKYlo2CqWeRtYuIoP';
const huggingFace = 'hf_' + 'jCBaQngSHiHDRYOcsMcifUcysGyaiybUWz';
const npmToken = 'npm_' + 'Ab1Cd2Ef3G'.repeat(4).slice(0, 36);
const dbPassword = 'Tr0ub4dor-and-3';
const exaKey = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const lowercaseKey = 'tvly-' + 'dev-3kq9x2m7p4z8w1n6b5v0c';

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
        s.env = {
          API_KEY: 'your-api-key-here',
          TOKEN_FILE: '/run/secrets/tokenFile2024ABC',
          TOKENIZER: 'bert-base-uncased-v2',
          EMBEDDING_MODEL_TOKEN: 'sentence-transformers-all-minilm-l6-v2',
          SECRET_NAME: 'my-service-account-2024-backup',
        };
      }),
      status: 'pass',
    },
    {
      name: 'README placeholders stay clean, in every shape',
      ctx: withSpec((s) => {
        s.env = {
          OPENAI_API_KEY: 'YOUR_API_KEY_HERE',
          EXA_API_KEY: '<your-exa-key>',
          STRIPE_SECRET_KEY: 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
          GITHUB_TOKEN: 'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
          DB_PASSWORD: 'changeme',
          SECRET_REF: '${MY_SECRET}',
        };
        s.args = ['postgresql://user:password@localhost:5432/mydb', 'mongodb://admin:<password>@cluster0.example.net/db'];
      }),
      status: 'pass',
    },
    {
      name: 'a connection string without a password, or with a variable for it',
      ctx: withSpec((s) => {
        s.args = ['postgresql://localhost/mydb', 'postgresql://app:${DB_PASSWORD}@db.internal:5432/app'];
        s.env = { REDIS_URL: 'redis://cache.internal:6379/0' };
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
      message: [/env\.GITHUB_TOKEN \(line 9\) holds a literal GitHub token \(ghp_…, 40 chars\)/, /"\$\{GITHUB_TOKEN\}"/, /revoke/],
      position: { line: 9, column: 25 },
      never: [github, github.slice(4)],
    },
    {
      name: 'every well-known prefix, in one result',
      ctx: withSpec((s) => {
        s.env = { A: fineGrained, B: anthropic, C: openai, D: slack, E: aws, F: google, G: gitlab };
      }),
      status: 'fail',
      outcomes: 1,
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
        /headers\.Authorization \(line 6\) holds a literal Bearer credential \(20 chars\)/,
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
      message: /password in a https:\/\/ connection string \(https:\/\/admin:\*\*\*@example\.com, password 20 chars\)/,
      never: [opaque],
    },
    {
      name: 'a postgresql:// password in args, as the server-postgres README shows the connection string',
      ctx: withSpec((s) => {
        s.args = ['-y', '@modelcontextprotocol/server-postgres', `postgresql://app:${dbPassword}@db.example.com:5432/app`];
        s.fieldPositions['args.2'] = at(6, 60);
      }),
      status: 'fail',
      message: [
        /args\.2 \(line 6\) holds a literal password in a postgresql:\/\/ connection string \(postgresql:\/\/app:\*\*\*@db\.example\.com:5432, password 15 chars\)/,
        /"\$\{DATABASE_URL\}"/,
        /revoke/,
      ],
      position: { line: 6, column: 60 },
      never: [dbPassword],
    },
    {
      name: 'a mongodb+srv:// password in env',
      ctx: withSpec((s) => void (s.env = { MONGODB_URI: `mongodb+srv://admin:${dbPassword}@cluster0.ab1cd.mongodb.net/prod` })),
      status: 'fail',
      message: [/env\.MONGODB_URI holds a literal password in a mongodb\+srv:\/\/ connection string/, /"\$\{MONGODB_URI\}"/],
      never: [dbPassword],
    },
    {
      name: 'Stripe secret, test and restricted keys, and other published prefixes, are failures',
      ctx: withSpec((s) => {
        s.env = { STRIPE_SECRET_KEY: stripeLive, STRIPE_TEST: stripeTest, STRIPE_RK: stripeRestricted, HF_TOKEN: huggingFace };
        s.args = ['--npm-token', npmToken];
      }),
      status: 'fail',
      outcomes: 1,
      message: [
        /Stripe secret key \(sk_live_…/,
        /Stripe secret key \(sk_test_…/,
        /Stripe secret key \(rk_live_…/,
        /Hugging Face token \(hf_…/,
        /npm token/,
      ],
      never: [stripeLive, stripeTest, stripeRestricted, huggingFace, npmToken, stripeLive.slice(8)],
    },
    {
      name: 'a UUID under a credential name (Exa issues keys as UUIDs) is a warning',
      ctx: withSpec((s) => void (s.env = { EXA_API_KEY: exaKey })),
      status: 'warn',
      message: /env\.EXA_API_KEY holds what looks like a literal credential \(a UUID, 36 chars\)/,
      never: [exaKey, exaKey.slice(0, 8)],
    },
    {
      name: 'a single-case random key under a credential name is a warning',
      ctx: withSpec((s) => void (s.env = { TAVILY_API_KEY: lowercaseKey })),
      status: 'warn',
      message: /env\.TAVILY_API_KEY holds what looks like a literal credential \(30 chars\)/,
      never: [lowercaseKey],
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

  it('masks connection-string passwords and the newer prefixes in server output', () => {
    const line = `connect postgresql://app:${dbPassword}@db.example.com:5432/app failed; key ${stripeLive}`;
    const masked = maskCredentials(line);
    expect(masked).toBe('connect postgresql://app:***@db.example.com:5432/app failed; key sk_live_***');
    expect(masked).not.toContain(dbPassword);
  });
});
