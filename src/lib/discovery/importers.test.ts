import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type DiscoveryEvent, type DiscoveryImport } from './events.js';
import { readBind } from './importers/bind.js';
import { ColumnError, parseAmount, presets } from './importers/columns.js';
import { readCsv } from './importers/csv.js';
import { readJsonLines } from './importers/jsonl.js';
import { readSquid } from './importers/squid.js';
import { parseTime } from './time.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures/discovery');
const stream = (name: string) => fs.createReadStream(path.join(fixtures, name));

async function collect(run: DiscoveryImport): Promise<DiscoveryEvent[]> {
  const events: DiscoveryEvent[] = [];
  for await (const e of run.events) events.push(e);
  return events;
}

/** The same bytes in tiny chunks: lines cut anywhere (even inside a UTF-8 character) must come out whole. */
async function* trickle(name: string, size = 7): AsyncGenerator<Buffer> {
  const all = fs.readFileSync(path.join(fixtures, name));
  for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

describe('Squid native access.log', () => {
  it('reads every record, rejects malformed lines with their number and reason, and goes on', async () => {
    const run = readSquid(stream('squid-access.log'));
    const events = await collect(run);
    expect(run.stats.linesRead).toBe(20); // 21 lines, one blank
    expect(run.stats.linesRejected).toBe(4);
    expect(run.stats.sampleRejects).toEqual([
      { line: 10, reason: 'no host in the URL field' },
      { line: 11, reason: 'the first field is not a Unix time' },
      { line: 14, reason: 'the first field is not a Unix time' },
      { line: 16, reason: 'only 6 fields (a native access.log line has at least 7)' },
    ]);
    expect(events).toHaveLength(16);
    expect(events[0]).toEqual({ time: 1732700000123, user: 'alice', host: 'chat.deepseek.com' });
    expect(events[1]).toEqual({ time: 1732700001456, user: '10.20.1.15', host: 'www.bbc.co.uk' }); // no user: the client address
    expect(events[4]!.host).toBe('CHAT.DEEPSEEK.COM.');
    expect(events.find((e) => e.host === 'gemini.google.com')!.user).toBe('frank@harbour.hk');
  });

  it('gives the same result when the file arrives in tiny chunks', async () => {
    const whole = readSquid(stream('squid-access.log'));
    const pieces = readSquid(trickle('squid-access.log'));
    expect(await collect(pieces)).toEqual(await collect(whole));
    expect(pieces.stats.linesRejected).toBe(whole.stats.linesRejected);
  });

  it('never keeps a chunk: the caller may read every chunk into the same buffer', async () => {
    async function* reused(name: string): AsyncGenerator<Buffer> {
      const all = fs.readFileSync(path.join(fixtures, name));
      const buffer = Buffer.alloc(50);
      for (let i = 0; i < all.length; i += 50) {
        const n = all.copy(buffer, 0, i, i + 50);
        yield buffer.subarray(0, n);
        buffer.fill(0x7a); // scribble over it: anything still pointing here would read "zzz…"
      }
    }
    const run = readSquid(reused('squid-access.log'));
    expect(await collect(run)).toEqual(await collect(readSquid(stream('squid-access.log'))));
    const jsonl = readJsonLines(reused('proxy.jsonl'), presets.csv);
    expect(await collect(jsonl)).toEqual(await collect(readJsonLines(stream('proxy.jsonl'), presets.csv)));
  });

  it('with a prefilter, decodes only the lines it keeps (but still counts and validates all)', async () => {
    const kept: string[] = [];
    const run = readSquid(stream('squid-access.log'), {
      prefilter: {
        keepHost: (buf, s, e) => {
          const host = Buffer.from(buf.subarray(s, e)).toString();
          kept.push(host);
          return host.endsWith('claude.ai');
        },
      },
    });
    const events = await collect(run);
    expect(events.map((e) => e.host)).toEqual(['claude.ai']);
    expect(run.stats.linesRead).toBe(20);
    expect(kept).toContain('chatgpt.com');
    expect(kept).toContain('api.openai.com');
  });

  it('rejects lines over 1 MiB without keeping them', async () => {
    async function* huge() {
      yield Buffer.from('1732700000.1 1 10.0.0.1 TCP_MISS/200 1 GET http://a.example/');
      for (let i = 0; i < 20; i++) yield Buffer.alloc(100_000, 0x61);
      yield Buffer.from(' - HIER_NONE/- -\n1732700001.0 1 10.0.0.1 TCP_MISS/200 1 GET http://chatgpt.com/ - HIER_NONE/- -\n');
    }
    const run = readSquid(huge());
    const events = await collect(run);
    expect(run.stats.sampleRejects).toEqual([{ line: 1, reason: 'line longer than 1 MiB' }]);
    expect(events.map((e) => e.host)).toEqual(['chatgpt.com']);
  });
});

describe('BIND query log', () => {
  it('reads query lines, rejects others', async () => {
    const run = readBind(stream('bind-query.log'));
    const events = await collect(run);
    expect(run.stats.linesRead).toBe(10);
    expect(run.stats.sampleRejects.map((r) => r.line)).toEqual([5, 7]);
    expect(events.map((e) => e.host)).toEqual([
      'chat.deepseek.com',
      'chat.deepseek.com',
      'www.gov.hk',
      'yiyan.baidu.com',
      'api.openai.com',
      'www.baidu.com',
      'doubao.com',
      'claude.ai',
    ]);
    expect(events[0]).toEqual({ time: Date.UTC(2026, 10, 27, 9, 15, 2, 123), user: '10.1.2.3', host: 'chat.deepseek.com' });
    expect(events[4]!.user).toBe('10.1.2.5'); // old format without the @0x client object
    expect(events[6]!.time).toBeNull(); // syslog prefix: no BIND timestamp
  });
});

describe('generic CSV and JSON lines', () => {
  it('CSV: finds columns by common names and reports bad rows (including broken CSV) without stopping', async () => {
    const run = readCsv(stream('proxy.csv'), presets.csv);
    const events = await collect(run);
    expect(run.stats.linesRead).toBe(10);
    expect(run.stats.linesRejected).toBe(3);
    expect(run.stats.sampleRejects.map((r) => r.line).sort((a, b) => a - b)).toEqual([7, 8, 10]);
    expect(run.stats.sampleRejects.find((r) => r.line === 10)!.reason).toMatch(/not valid CSV/);
    expect(events).toHaveLength(7);
    expect(events[0]).toEqual({
      time: Date.UTC(2026, 10, 20, 8, 15),
      user: 'alice@harbour.hk',
      host: 'chat.deepseek.com',
      url: 'https://chat.deepseek.com/',
    });
    expect(iso(events[4]!.time)).toBe('2026-11-20T01:05:00.000Z'); // +08:00 honoured
    expect(iso(events[3]!.time)).toBe('2026-11-20T09:00:00.000Z'); // no zone: UTC
    expect(events.at(-1)!.host).toBe('chat.deepseek.com'); // the row after the broken one is read
  });

  it('CSV: takes named columns and refuses a file without the needed column', async () => {
    const run = readCsv(stream('proxy.csv'), presets.csv, { url: 'url', user: 'src_user', time: 'timestamp' });
    const events = await collect(run);
    expect(events[0]).toEqual({
      time: Date.UTC(2026, 10, 20, 8, 15),
      user: 'alice@harbour.hk',
      host: 'chat.deepseek.com',
      url: 'https://chat.deepseek.com/',
    });
    await expect(collect(readCsv(stream('expenses.csv'), presets.csv))).rejects.toThrow(ColumnError);
    await expect(collect(readCsv(stream('proxy.csv'), presets.csv, { domain: 'nope' }))).rejects.toThrow(/no domain column "nope"/);
  });

  it('JSON lines: top-level names by default, dotted paths on request; bad lines counted', async () => {
    const plain = readJsonLines(stream('proxy.jsonl'), presets.csv);
    const events = await collect(plain);
    expect(plain.stats.linesRead).toBe(8);
    expect(plain.stats.sampleRejects).toEqual([
      { line: 4, reason: 'not valid JSON' },
      { line: 5, reason: 'not a JSON object' },
      { line: 7, reason: 'no domain or url value' },
      { line: 9, reason: 'no domain or url value' },
    ]);
    expect(events.map((e) => e.url)).toEqual([
      'https://chat.deepseek.com/',
      'https://www.hsbc.com.hk/',
      'https://claude.ai/new',
      'https://gemini.google.com/app',
    ]);

    const nested = readJsonLines(stream('proxy.jsonl'), presets.csv, {
      domain: 'destination.domain',
      user: 'user.name',
      time: '@timestamp',
    });
    const n = await collect(nested);
    expect(nested.stats.sampleRejects.map((r) => [r.line, r.reason])).toEqual([
      [4, 'not valid JSON'],
      [5, 'not a JSON object'],
      [7, 'time not understood: "not a time"'],
    ]);
    expect(n.at(-1)).toEqual({ time: 1795222980000, user: 'alice', host: 'CHAT.DEEPSEEK.COM' });

    const flat = readJsonLines(stream('proxy-flat.jsonl'), presets.csv);
    expect((await collect(flat)).map((e) => [e.user, e.host])).toEqual([
      ['alice', 'kimi.moonshot.cn'],
      ['bob', 'www.bbc.com'],
      ['bob', 'kimi.com'],
    ]);
  });
});

describe('identity-provider and expense exports', () => {
  it('Entra ID enterprise applications', async () => {
    const run = readCsv(stream('entra-enterprise-apps.csv'), presets.entra);
    const events = await collect(run);
    expect(run.stats.linesRead).toBe(7);
    expect(run.stats.sampleRejects).toEqual([
      { line: 6, reason: 'no app value' },
      { line: 8, reason: 'time not understood: "sometime"' },
    ]);
    expect(events.map((e) => e.appName)).toEqual(['ChatGPT', 'Salesforce', 'Fireflies.ai Notetaker', 'Graph Explorer', 'Perplexity']);
    expect(events[0]).toMatchObject({ url: 'https://chatgpt.com', user: null, time: Date.UTC(2026, 2, 2, 2, 15) });
  });

  it('Entra ID sign-in logs', async () => {
    const run = readCsv(stream('entra-signins.csv'), presets.entra);
    const events = await collect(run);
    expect(run.stats.linesRead).toBe(7);
    expect(run.stats.sampleRejects.map((r) => r.line)).toEqual([6, 8]);
    expect(events[0]).toEqual({ time: Date.UTC(2026, 10, 25, 1, 2, 3), user: 'alice.chan@harbour.hk', appName: 'ChatGPT' });
    expect(events.at(-1)).toEqual({ time: Date.UTC(2026, 10, 25, 4, 0), user: 'erin.yip@harbour.hk', appName: 'Microsoft 365 Copilot' });
  });

  it('Google Workspace OAuth token audit', async () => {
    const run = readCsv(stream('google-oauth-token-audit.csv'), presets.google);
    const events = await collect(run);
    expect(run.stats.linesRead).toBe(6);
    expect(run.stats.sampleRejects).toEqual([{ line: 6, reason: 'no app value' }]);
    expect(events[0]).toEqual({ time: Date.UTC(2026, 10, 23, 22, 0), user: 'alice@harbour.hk', appName: 'ChatGPT' });
  });

  it('Okta application list', async () => {
    const run = readCsv(stream('okta-apps.csv'), presets.okta);
    const events = await collect(run);
    expect(run.stats.sampleRejects).toEqual([{ line: 6, reason: 'no app value' }]);
    expect(events.map((e) => e.appName)).toEqual(['ChatGPT', 'Microsoft Office 365', 'Grammarly', 'Notion', 'GitHub Copilot']);
  });

  it('expense CSV: merchant, amount and date', async () => {
    const run = readCsv(stream('expenses.csv'), presets.expense);
    const events = await collect(run);
    expect(run.stats.linesRead).toBe(10);
    expect(run.stats.sampleRejects).toEqual([
      { line: 8, reason: 'amount not understood: "not-a-number"' },
      { line: 9, reason: 'no merchant value' },
    ]);
    expect(events[0]).toEqual({
      time: Date.UTC(2026, 9, 3),
      user: 'Alice Chan',
      merchant: 'OPENAI *CHATGPT SUBSCR OPENAI.COM CA',
      amount: 156,
    });
    expect(events.map((e) => e.amount)).toEqual([156, 50, 234, 98, 1200, 800, 1024.5, -156]);
  });
});

describe('times and amounts', () => {
  it.each([
    ['2026-11-20T08:15:00Z', Date.UTC(2026, 10, 20, 8, 15)],
    ['2026-11-20T16:15:00+08:00', Date.UTC(2026, 10, 20, 8, 15)],
    ['2026-11-20 08:15:00.5', Date.UTC(2026, 10, 20, 8, 15, 0, 500)],
    ['2026-11-20', Date.UTC(2026, 10, 20)],
    ['1795000000', 1795000000000],
    ['1795000000123', 1795000000123],
    ['27-Nov-2026 09:15:02.123', Date.UTC(2026, 10, 27, 9, 15, 2, 123)],
    ['25/11/2026 04:00', Date.UTC(2026, 10, 25, 4, 0)],
    ['11/25/2026, 4:00:00 PM', Date.UTC(2026, 10, 25, 16, 0)],
  ])('parseTime(%j)', (raw, expected) => expect(parseTime(raw)).toBe(expected));

  it.each(['', 'yesterday', '2026-13-45T99:00:00Z', '32/01/2026', '27-Foo-2026 09:15:02'])('parseTime(%j) is null', (raw) =>
    expect(parseTime(raw)).toBeNull(),
  );

  it.each([
    ['156.00', 156],
    ['HK$ 1,234.50', 1234.5],
    ['USD 20', 20],
    ['(15.00)', -15],
    ['-3.10', -3.1],
    ['1.234,50', 1234.5],
  ])('parseAmount(%j)', (raw, expected) => expect(parseAmount(raw)).toBe(expected));

  it('parseAmount of text without digits is null', () => expect(parseAmount('n/a')).toBeNull());
});
