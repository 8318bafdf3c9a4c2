import { protocolVersions } from '../../src/checks/protocol-versions.js';
import type { ClientBoots, VersionOffer } from '../../src/model/boot.js';
import type { CheckContext } from '../../src/model/check.js';
import type { ClientProfile } from '../../src/model/profile.js';
import type { Transcript } from '../../src/model/transcript.js';
import { claudeCode } from '../../src/profiles/claude-code.js';
import { codex } from '../../src/profiles/codex.js';
import { discoverOffer, initializeOffer, initializeResult, request } from '../profiles/boots.js';
import { testCheck } from './check-tester.js';
import { context, type ContextOptions } from './transcript-builder.js';

function judged(profiles: readonly ClientProfile[], options: ContextOptions & { versions?: VersionOffer[] } = {}): CheckContext {
  const { versions, ...rest } = options;
  const boots: ClientBoots = { policies: {}, ...(versions && { versions }) };
  return { ...context(rest), profiles, boots };
}

/** The main probe (offering 2025-11-25) was answered with `version`. */
function mainAnswered(version: string) {
  return (t: Transcript) => {
    t.initialize = { ...t.initialize!, result: { ...(t.initialize!.result as object), protocolVersion: version } };
  };
}

const legacyDiscover = discoverOffer(
  request('server/discover', 'error', { error: { code: -32601, message: 'Method not found' } }),
  initializeResult('2025-11-25'),
);
const everyVersion = (answer: (v: string) => string): VersionOffer[] => [
  ...['2024-11-05', '2025-03-26', '2025-06-18'].map((v) => initializeOffer(v, initializeResult(answer(v)))),
  legacyDiscover,
];

testCheck(protocolVersions, {
  valid: [
    {
      name: "only the main probe's version known",
      ctx: context(),
      status: 'pass',
      message: /Supports 2025-11-25 \(offered only 2025-11-25 \(--protocol-versions or --client offers every version\)\)/,
    },
    {
      name: 'every version offered and echoed',
      ctx: judged([claudeCode, codex], { versions: everyVersion((v) => v) }),
      status: 'pass',
      message:
        /Supports 2024-11-05, 2025-03-26, 2025-06-18, 2025-11-25 \(offered 2025-11-25, 2024-11-05, 2025-03-26, 2025-06-18, 2026-07-28\)/,
    },
    {
      name: 'a modern-only server answers server/discover',
      ctx: judged([claudeCode], {
        versions: [
          discoverOffer(
            request('server/discover', 'result', {
              result: { supportedVersions: ['2026-07-28', '2025-11-25'], capabilities: {}, resultType: 'complete' },
            }),
          ),
        ],
      }),
      status: 'pass',
      message: /Supports 2025-11-25, 2026-07-28/,
    },
    {
      name: 'an older answer Codex still accepts',
      ctx: judged([codex], { versions: everyVersion(() => '2025-03-26'), transcript: mainAnswered('2025-03-26') }),
      status: 'pass',
    },
  ],
  invalid: [
    {
      name: 'Codex asks for 2025-06-18 and the server rejects it',
      ctx: judged([claudeCode, codex], {
        versions: [
          initializeOffer(
            '2025-06-18',
            request('initialize', 'error', {
              error: { code: -32602, message: 'Unsupported protocol version', data: { supported: ['2025-11-25'] } },
            }),
          ),
        ],
      }),
      status: 'warn',
      message:
        /Codex sends initialize with protocolVersion 2025-06-18; the server rejected it \(error -32602: Unsupported protocol version\)/,
      outcomes: 1,
    },
    {
      name: 'an answer the client does not accept',
      ctx: judged([codex], { versions: [initializeOffer('2025-06-18', initializeResult('2026-01-01'))] }),
      status: 'warn',
      message:
        /Codex sends protocolVersion 2025-06-18 and accepts 2024-11-05, 2025-03-26, 2025-06-18, 2025-11-25; the server answered 2026-01-01, so Codex disconnects/,
    },
    {
      name: 'not probed, and the one known version is not one the client accepts',
      ctx: judged([{ ...codex, protocol: { requests: '2024-11-05', accepts: ['2024-11-05'] } }], {}),
      status: 'warn',
      message: /accepts 2024-11-05; the server showed only 2025-11-25, none of them/,
    },
    {
      name: "the server stops after a 2026-07-28 client's server/discover probe",
      ctx: judged([claudeCode], { versions: [discoverOffer(request('server/discover', 'closed'), request('initialize', 'not-sent'))] }),
      status: 'warn',
      message: /after that probe this server stopped/,
    },
  ],
});
