import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AiServiceEntry } from './catalogue-schema.js';
import { loadAiCatalogue } from './catalogue.js';
import { normaliseHost } from './host.js';
import { DomainMatcher } from './match-domain.js';

const catalogue = loadAiCatalogue();
const matcher = new DomainMatcher(catalogue.entries);
const ids = (host: string) => matcher.matchHost(host).map((e) => e.id);

/** The byte path on a host as the Squid importer cuts it (no scheme, port or path). */
function bytesIds(host: string): string[] {
  const buf = Buffer.from(`xx ${host} yy`);
  return (matcher.matchHostBytes(buf, 3, 3 + Buffer.byteLength(host)) ?? []).map((e) => e.id);
}

describe('normaliseHost', () => {
  it.each([
    ['chat.deepseek.com', 'chat.deepseek.com'],
    ['CHAT.DeepSeek.COM.', 'chat.deepseek.com'],
    ['https://chat.deepseek.com:8443/a/chat?x=1#y', 'chat.deepseek.com'],
    ['chat.deepseek.com:443', 'chat.deepseek.com'],
    ['//user:pw@chat.deepseek.com/', 'chat.deepseek.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['http://例子.香港/path', 'xn--fsqu00a.xn--j6w193g'],
  ])('%s → %s', (raw, host) => expect(normaliseHost(raw)).toBe(host));

  it.each(['10.1.2.3', '10.1.2.3:443', 'http://104.18.32.47/', '[2606:4700::6812:2f]:443', '2606:4700::6812:2f', '', '   ', 'https://'])(
    '%j is not a host name',
    (raw) => expect(normaliseHost(raw)).toBeNull(),
  );
});

describe('DomainMatcher', () => {
  it('matches a domain and its subdomains on label boundaries', () => {
    expect(ids('deepseek.com')).toEqual(['deepseek-chat']);
    expect(ids('chat.deepseek.com')).toEqual(['deepseek-chat']);
    expect(ids('a.b.c.chat.deepseek.com')).toEqual(['deepseek-chat']);
  });

  it('rejects look-alikes', () => {
    for (const host of [
      'notdeepseek.com',
      'deepseek.com.evil.example',
      'openai.com.evil.example',
      'notopenai.com',
      'deepseek.co',
      'chatgpt.com-login.example',
      'xchatgpt.com',
    ]) {
      expect(ids(host), host).toEqual([]);
      expect(bytesIds(host), host).toEqual([]);
    }
  });

  it('prefers the longest claimed suffix (a product host inside a provider domain)', () => {
    expect(ids('api.deepseek.com')).toEqual(['deepseek-api']);
    expect(ids('chat.deepseek.com')).toEqual(['deepseek-chat']);
    expect(ids('sora.chatgpt.com')).toEqual(['openai-sora']);
    expect(ids('chatgpt.com')).toEqual(['openai-chatgpt']);
  });

  it('is case-insensitive and ignores a trailing dot, ports, URLs and CONNECT targets', () => {
    for (const raw of ['CHATGPT.COM', 'chatgpt.com.', 'chatgpt.com:443', 'https://chatgpt.com/c/123', 'http://user@chatgpt.com:80/']) {
      expect(ids(raw), raw).toEqual(['openai-chatgpt']);
    }
    expect(bytesIds('CHATGPT.COM.')).toEqual(['openai-chatgpt']);
  });

  it('never matches IP literals', () => {
    for (const raw of ['104.18.32.47', '104.18.32.47:443', '[2606:4700::6812:2f]:443', '::1']) expect(ids(raw), raw).toEqual([]);
  });

  it('matches internationalised names through punycode', () => {
    const entry = { ...catalogue.entries[0]!, id: 'idn-bot', domains: ['xn--fsqu00a.xn--j6w193g'], sharedDomains: [] } as AiServiceEntry;
    const m = new DomainMatcher([entry]);
    expect(m.matchHost('chat.例子.香港').map((e) => e.id)).toEqual(['idn-bot']);
    expect(m.matchHost('https://CHAT.XN--FSQU00A.XN--J6W193G/').map((e) => e.id)).toEqual(['idn-bot']);
  });

  it('gives every claimant of a shared domain', () => {
    const base = catalogue.entries[0]!;
    const a = { ...base, id: 'a', domains: [], sharedDomains: ['shared.test'] };
    const b = { ...base, id: 'b', domains: [], sharedDomains: ['shared.test'] };
    expect(new DomainMatcher([a, b]).matchHost('x.shared.test').map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('byte path and string path agree on any host', () => {
    const domains = matcher.domains();
    const label = fc.stringMatching(/^[a-zA-Z0-9-]{1,8}$/);
    const host = fc.oneof(
      fc.tuple(fc.array(label, { maxLength: 3 }), fc.constantFrom(...domains)).map(([pre, d]) => [...pre, d].join('.')),
      fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join('.')),
      fc.constantFrom(...domains).map((d) => `x${d}`),
    );
    fc.assert(
      fc.property(host, (h) => {
        expect(bytesIds(h)).toEqual(ids(h));
      }),
      { numRuns: 2000 },
    );
  });
});
