// The log-in throttle's policy as tables: the growing delay per key, when a key lets an attempt through, and which
// keys an attempt is counted under.
import { expect } from 'chai';
import { allows, delaySeconds, normaliseUsername, passwordAttemptKeys, THROTTLE_RULES } from '../../server/domain/login-throttle.ts';
import { describeUserAgent } from '../../server/domain/user-agent.ts';
import { waitText } from '../../server/i18n/vi.ts';

describe('login throttle — delay after n failures', () => {
  const table: [keyof typeof THROTTLE_RULES, number, number][] = [
    ['pair', 0, 0], ['pair', 4, 0], ['pair', 5, 30], ['pair', 6, 60], ['pair', 7, 120], ['pair', 11, 1920], ['pair', 12, 3600], ['pair', 500, 3600],
    ['account', 9, 0], ['account', 10, 30], ['account', 14, 480], ['account', 15, 900], ['account', 1000, 900], // capped at 15 minutes
    ['address', 19, 0], ['address', 20, 60], ['address', 26, 3600],
    ['totp', 4, 0], ['totp', 5, 30],
  ];
  for (const [scope, n, seconds] of table) it(`${scope}, ${n} failures → ${seconds} s`, () => expect(delaySeconds(THROTTLE_RULES[scope], n)).to.equal(seconds));
});

describe('login throttle — a key lets an attempt through', () => {
  const rule = THROTTLE_RULES.pair;
  const now = 1_000_000_000;
  const table: [string, Parameters<typeof allows>[1], boolean][] = [
    ['no row', null, true],
    ['below the free attempts', { failures: 4, nextAt: now + 999_000, updatedAt: now }, true],
    ['at the free attempts, delay running', { failures: 5, nextAt: now + 1, updatedAt: now }, false],
    ['at the free attempts, delay over', { failures: 5, nextAt: now, updatedAt: now - 30_000 }, true],
    ['forgotten after a quiet day', { failures: 40, nextAt: now + 3_600_000, updatedAt: now - 24 * 3600_000 }, true],
    ['not yet forgotten', { failures: 40, nextAt: now + 3_600_000, updatedAt: now - 24 * 3600_000 + 1 }, false],
  ];
  for (const [name, row, expected] of table) it(name, () => expect(allows(rule, row, now)).to.equal(expected));
});

describe('login throttle — keys of a password attempt', () => {
  it('an unknown browser: the account, the address and the pair, in lock order', () => {
    expect(passwordAttemptKeys('thuky', '10.0.0.1', null)).to.deep.equal([
      { key: 'a:thuky', scope: 'account' }, { key: 'ip:10.0.0.1', scope: 'address' }, { key: 'p:thuky|10.0.0.1', scope: 'pair' },
    ]);
  });
  it("the account's own browser (device cookie): its own pair key only, whatever the address", () => {
    expect(passwordAttemptKeys('thuky', '10.0.0.1', 'dev123')).to.deep.equal([{ key: 'p:thuky|d:dev123', scope: 'pair' }]);
  });
  it('names are normalised the way accounts are looked up (NFC, trimmed, lower case, cut at 64)', () => {
    expect(normaliseUsername('  ThuKy ')).to.equal('thuky');
    expect(normaliseUsername('Đ'.normalize('NFD'))).to.equal('đ');
    expect(normaliseUsername('x'.repeat(500))).to.have.length(64);
  });
});

describe('waitText — when to try again, in Vietnamese', () => {
  const table: [number, string][] = [[1, '1 giây'], [30, '30 giây'], [89, '89 giây'], [90, '2 phút'], [900, '15 phút'], [3600, '1 giờ'], [3900, '1 giờ 5 phút']];
  for (const [s, text] of table) it(`${s} s → ${text}`, () => expect(waitText(s)).to.equal(text));
});

describe('describeUserAgent', () => {
  const table: [string, string | null, string | null][] = [
    ['Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36', 'Chrome', 'Android'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari', 'iOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0', 'Edge', 'Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/120.0 Chrome/120.0 Safari/537.36', 'Cốc Cốc', 'Windows'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox', 'Linux'],
    ['curl/8.5.0', null, null],
    ['', null, null],
  ];
  for (const [ua, browser, system] of table) it(`${browser ?? '?'} / ${system ?? '?'}`, () => expect(describeUserAgent(ua)).to.deep.equal({ browser, system }));
});
