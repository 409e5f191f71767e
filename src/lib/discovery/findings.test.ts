import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAiCatalogue, loadAiCatalogue } from './catalogue.js';
import { DistinctCounter } from './distinct.js';
import { CatalogueMatchers, FindingsAggregator } from './findings.js';
import { discover, type DiscoveryFormat, type Progress } from './scan.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures/discovery');
const catalogue = loadAiCatalogue();
const userKey = Buffer.from('test key');

async function scan(file: string, format: DiscoveryFormat, extra: Partial<Parameters<typeof discover>[1]> = {}) {
  return discover(fs.createReadStream(path.join(fixtures, file), { highWaterMark: 64 }), { format, catalogue, userKey, ...extra });
}

const brief = (f: { catalogId: string; matchedOn: string; requests: number; users: number }) => [
  f.catalogId,
  f.matchedOn,
  f.requests,
  f.users,
];

describe('discover (import → match → aggregate)', () => {
  it('Squid: domain findings with distinct users, first and last seen; look-alikes and addresses are unmatched', async () => {
    const r = await scan('squid-access.log', 'squid');
    expect(r.linesRead).toBe(20);
    expect(r.linesRejected).toBe(4);
    expect(r.findings.map(brief)).toEqual([
      ['deepseek-chat', 'domain', 2, 2],
      ['openai-chatgpt', 'domain', 2, 1],
      ['anthropic-claude', 'domain', 1, 1],
      ['google-gemini', 'domain', 1, 1],
      ['moonshot-kimi', 'domain', 1, 1],
      ['openai-api', 'domain', 1, 1],
    ]);
    const chatgpt = r.findings.find((f) => f.catalogId === 'openai-chatgpt')!;
    expect([chatgpt.firstSeen, chatgpt.lastSeen]).toEqual(['2024-11-27T09:33:22.001Z', '2024-11-27T09:33:34.600Z']);
    expect(chatgpt).toMatchObject({ provider: 'OpenAI', product: 'ChatGPT', category: 'chat_assistant', usersExact: true });
  });

  it('BIND, CSV and JSON lines', async () => {
    expect((await scan('bind-query.log', 'bind')).findings.map(brief)).toEqual([
      ['deepseek-chat', 'domain', 2, 1],
      ['anthropic-claude', 'domain', 1, 1],
      ['baidu-ernie-bot', 'domain', 1, 1],
      ['bytedance-doubao', 'domain', 1, 1],
      ['openai-api', 'domain', 1, 1],
    ]);
    expect((await scan('proxy.csv', 'csv')).findings.map(brief)).toEqual([
      ['deepseek-chat', 'domain', 2, 1],
      ['bytedance-doubao', 'domain', 1, 1],
      ['microsoft-365-copilot', 'domain', 1, 1],
      ['otter-ai', 'domain', 1, 1],
      ['perplexity', 'domain', 1, 1],
    ]);
    const jsonl = await scan('proxy.jsonl', 'jsonl', { columns: { domain: 'destination.domain', user: 'user.name' } });
    expect(jsonl.findings.map(brief)).toEqual([
      ['deepseek-chat', 'domain', 2, 1],
      ['anthropic-claude', 'domain', 1, 1],
      ['google-gemini', 'domain', 1, 1], // by its url: the domain column is empty on that line
    ]);
    expect(jsonl.findings[0]!.lastSeen).toBe('2026-11-21T01:03:00.000Z'); // epoch seconds
  });

  it('sign-in and consent exports match by application name; expenses by merchant, with amounts', async () => {
    expect((await scan('entra-signins.csv', 'entra')).findings.map(brief)).toEqual([
      ['openai-chatgpt', 'oauth', 2, 1], // ALICE.CHAN@ and alice.chan@ are one user
      ['microsoft-365-copilot', 'oauth', 1, 1],
      ['otter-ai', 'oauth', 1, 1],
    ]);
    expect((await scan('google-oauth-token-audit.csv', 'google')).findings.map(brief)).toEqual([
      ['openai-chatgpt', 'oauth', 2, 1],
      ['otter-ai', 'oauth', 1, 1],
      ['read-ai', 'oauth', 1, 1],
    ]);
    expect((await scan('okta-apps.csv', 'okta')).findings.map((f) => f.catalogId).sort()).toEqual([
      'github-copilot',
      'grammarly',
      'notion-ai',
      'openai-chatgpt',
    ]);
    const expenses = await scan('expenses.csv', 'expense');
    expect(expenses.findings.map((f) => [f.catalogId, f.matchedOn, f.amount])).toEqual([
      ['anthropic-claude', 'merchant', -156],
      ['canva-magic-studio', 'merchant', 98],
      ['midjourney', 'merchant', 234],
      ['openai-api', 'merchant', 1024.5],
      ['openai-chatgpt', 'merchant', 156],
    ]);
    expect(expenses.unmatched).toBe(3); // MTR, OPENAIRE, MY OPENAI TRAINING
  });

  it('never keeps users in clear; the key decides the pseudonyms, not the counts', async () => {
    const a = await scan('squid-access.log', 'squid');
    const b = await scan('squid-access.log', 'squid', { userKey: Buffer.from('another key') });
    expect(b.findings.map(brief)).toEqual(a.findings.map(brief));
    const text = JSON.stringify(a);
    for (const user of ['alice', 'bob', 'carol', 'frank', '10.20.1.15']) expect(text).not.toContain(user);
  });

  it('hands every counted pseudonym to onUser, the same ones the counts come from', async () => {
    const seen = new Map<string, Set<number>>();
    const result = await scan('squid-access.log', 'squid', {
      onUser: (id, p) => seen.set(id, (seen.get(id) ?? new Set()).add(p)),
    });
    expect(seen.get('deepseek-chat')?.size).toBe(2);
    for (const f of result.findings) expect(seen.get(f.catalogId)?.size ?? 0, f.catalogId).toBe(f.users);
  });

  it('reports progress up to the total', async () => {
    const file = path.join(fixtures, 'squid-access.log');
    const total = fs.statSync(file).size;
    const seen: Progress[] = [];
    await scan('squid-access.log', 'squid', { totalBytes: total, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toEqual({ bytesRead: total, totalBytes: total });
    expect(seen.every((p, i) => i === 0 || p.bytesRead >= seen[i - 1]!.bytesRead)).toBe(true);
  });

  it('counts a shared domain for every entry that claims it', () => {
    const base = {
      provider: 'P',
      category: 'chat_assistant',
      domains: [],
      oauthAppNames: [],
      merchantNames: [],
      providerCountry: 'US',
      dataUseNote: 'n',
      termsUrl: null,
    };
    const c = buildAiCatalogue(
      [],
      [
        { ...base, id: 'one-ai', product: 'One', sharedDomains: ['shared.test'] },
        { ...base, id: 'two-ai', product: 'Two', sharedDomains: ['shared.test'] },
      ],
    );
    const agg = new FindingsAggregator(new CatalogueMatchers(c), { userKey });
    agg.add({ time: 0, user: 'u', host: 'www.shared.test' });
    expect(agg.findings().map((f) => [f.catalogId, f.requests])).toEqual([
      ['one-ai', 1],
      ['two-ai', 1],
    ]);
  });

  it('switches to an estimate past the exact cap, within a few per cent', () => {
    const agg = new FindingsAggregator(new CatalogueMatchers(catalogue), { userKey, exactUsersCap: 100 });
    for (let i = 0; i < 20_000; i++) agg.add({ time: i, user: `user-${i % 10_000}`, host: 'chatgpt.com' });
    const [f] = agg.findings();
    expect(f!.requests).toBe(20_000);
    expect(f!.usersExact).toBe(false);
    expect(Math.abs(f!.users - 10_000) / 10_000).toBeLessThan(0.03);
  });
});

describe('DistinctCounter', () => {
  it('is exact up to its cap', () => {
    const c = new DistinctCounter(10);
    for (const v of [1, 2, 3, 3, 2, 1]) c.add(v);
    expect([c.count, c.exact]).toEqual([3, true]);
  });

  it('estimates large cardinalities within 2 %', () => {
    // mulberry32: well-mixed 32-bit words (a plain LCG's low bits cycle and would fool the sketch)
    let a = 7;
    const next = () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (t ^ (t >>> 14)) >>> 0;
    };
    for (const n of [5_000, 200_000]) {
      const c = new DistinctCounter(1000);
      for (let i = 0; i < n; i++) c.add((next() % 2 ** 20) * 2 ** 32 + next());
      expect(c.exact).toBe(false);
      expect(Math.abs(c.count - n) / n).toBeLessThan(0.02);
    }
  });
});

describe('pseudonymiser', () => {
  it('is HMAC-SHA256 of the trimmed lowercase name (first 52 bits), also when its memo is full', async () => {
    const { createHmac } = await import('node:crypto');
    const { pseudonymiser } = await import('./pseudonym.js');
    for (const key of [Buffer.from('k'), Buffer.alloc(100, 9)]) {
      const p = pseudonymiser(key, 2); // a memo of 2: cleared again and again below
      for (const user of ['alice', ' Alice@Harbour.HK ', '陳大文', '', 'alice', 'bob', 'carol', 'ALICE']) {
        const d = createHmac('sha256', key).update(user.trim().toLowerCase()).digest();
        expect(p(user)).toBe(d.readUIntBE(0, 6) * 16 + (d[6]! >> 4));
      }
      expect(p('alice')).toBe(p('ALICE'));
      expect(p('alice')).not.toBe(p('bob'));
    }
    expect(pseudonymiser(Buffer.from('one'))('alice')).not.toBe(pseudonymiser(Buffer.from('two'))('alice'));
  });
});
