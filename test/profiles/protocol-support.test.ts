import { describe, expect, it } from 'vitest';
import { protocolSupport } from '../../src/profiles/protocol-support.js';
import { healthyTranscript } from '../checks/transcript-builder.js';
import { discoverOffer, initializeOffer, initializeResult, request } from './boots.js';

describe('protocolSupport', () => {
  it('is null without a launch, and only the main offer without probes', () => {
    expect(protocolSupport(undefined, undefined)).toBeNull();
    expect(protocolSupport(healthyTranscript(), undefined)).toEqual({
      supported: ['2025-11-25'],
      offers: [{ offered: '2025-11-25', method: 'initialize', outcome: 'accepted', answered: '2025-11-25' }],
      era: 'unknown',
      complete: false,
    });
  });

  it('records echoes, counter-offers, errors, silence and a legacy answer to server/discover', () => {
    const report = protocolSupport(healthyTranscript(), [
      initializeOffer('2024-11-05', initializeResult('2025-06-18')),
      initializeOffer(
        '2025-03-26',
        request('initialize', 'error', {
          error: { code: -32602, message: 'Unsupported', data: { supported: ['2025-06-18', '2025-11-25'] } },
        }),
      ),
      initializeOffer('2025-06-18', initializeResult('2025-06-18')),
      discoverOffer(request('server/discover', 'timeout'), initializeResult('2025-11-25')),
    ]);
    expect(report?.supported).toEqual(['2025-06-18', '2025-11-25']);
    expect(report?.offers.map((o) => [o.offered, o.outcome, o.answered ?? o.detail])).toEqual([
      ['2025-11-25', 'accepted', '2025-11-25'],
      ['2024-11-05', 'countered', '2025-06-18'],
      ['2025-03-26', 'error', 'error -32602: Unsupported'],
      ['2025-06-18', 'accepted', '2025-06-18'],
      ['2026-07-28', 'no-answer', 'legacy server (no answer in time); initialize afterwards was answered'],
    ]);
    expect(report).toMatchObject({ era: 'legacy', complete: true });
  });

  it('recognises a modern server by its DiscoverResult or a -32022 error', () => {
    const listed = protocolSupport(healthyTranscript(), [
      discoverOffer(
        request('server/discover', 'result', { result: { supportedVersions: ['2026-07-28'], capabilities: {}, resultType: 'complete' } }),
      ),
    ]);
    expect(listed).toMatchObject({ era: 'dual-era', supported: ['2025-11-25', '2026-07-28'] });
    expect(listed?.offers.at(-1)).toMatchObject({ outcome: 'accepted', answered: '2026-07-28' });
    const refused = protocolSupport(healthyTranscript(), [
      discoverOffer(
        request('server/discover', 'error', {
          error: { code: -32022, message: 'Unsupported protocol version', data: { supported: ['2027-01-01'] } },
        }),
      ),
    ]);
    expect(refused?.offers.at(-1)).toMatchObject({ outcome: 'countered', detail: 'supports 2027-01-01' });
    expect(refused?.supported).toContain('2027-01-01');
  });
});
