import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../support/engines.js';
import { describeRun, removeDir, repoRoot, runCli } from './cli.js';

/** `aims discover` runs offline (no database target) on the sample files of every format, or stores into an organisation. */
const fixture = (name: string) => path.join(repoRoot, 'tests/fixtures/discovery', name);

interface Report {
  linesRead: number;
  linesRejected: number;
  findings: Record<string, unknown>[];
}

async function discoverJson(format: string, file: string, extra: string[] = []): Promise<{ report: Report; stderr: string }> {
  const r = await runCli(null, ['discover', '--format', format, '--input', fixture(file), '--json', ...extra]);
  if (r.code !== 0) throw new Error(describeRun(r));
  return { report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

describe('aims discover', () => {
  it('prints exactly the documented JSON for a Squid log, with rejected lines summarised on stderr', async () => {
    const { report, stderr } = await discoverJson('squid', 'squid-access.log');
    expect(Object.keys(report)).toEqual(['linesRead', 'linesRejected', 'findings']);
    expect([report.linesRead, report.linesRejected]).toEqual([20, 4]);
    expect(report.findings[0]).toEqual({
      catalogId: 'deepseek-chat',
      provider: 'DeepSeek (Hangzhou DeepSeek AI)',
      product: 'DeepSeek Chat',
      category: 'chat_assistant',
      matchedOn: 'domain',
      requests: 2,
      users: 2,
      firstSeen: '2024-11-27T09:33:20.123Z',
      lastSeen: '2024-11-27T09:33:24.100Z',
      registeredSystemId: null,
    });
    expect(report.findings.map((f) => f.catalogId)).toEqual([
      'deepseek-chat',
      'openai-chatgpt',
      'anthropic-claude',
      'google-gemini',
      'moonshot-kimi',
      'openai-api',
    ]);
    expect(stderr).toContain('line 11: the first field is not a Unix time');
  });

  // format, file, extra options, lines read, lines rejected, catalogue ids found (most requests first)
  it.each<[string, string, string[], number, number, string[]]>([
    ['bind', 'bind-query.log', [], 10, 2, ['deepseek-chat', 'anthropic-claude', 'baidu-ernie-bot', 'bytedance-doubao', 'openai-api']],
    ['csv', 'proxy.csv', [], 10, 3, ['deepseek-chat', 'bytedance-doubao', 'microsoft-365-copilot', 'otter-ai', 'perplexity']],
    [
      'jsonl',
      'proxy.jsonl',
      ['--domain-column', 'destination.domain', '--user-column', 'user.name'],
      8,
      3,
      ['deepseek-chat', 'anthropic-claude', 'google-gemini'],
    ],
    ['entra', 'entra-signins.csv', [], 7, 2, ['openai-chatgpt', 'microsoft-365-copilot', 'otter-ai']],
    ['entra', 'entra-enterprise-apps.csv', [], 7, 2, ['fireflies-ai', 'openai-chatgpt', 'perplexity']],
    ['google', 'google-oauth-token-audit.csv', [], 6, 1, ['openai-chatgpt', 'otter-ai', 'read-ai']],
    ['okta', 'okta-apps.csv', [], 6, 1, ['github-copilot', 'grammarly', 'notion-ai', 'openai-chatgpt']],
    ['expense', 'expenses.csv', [], 10, 2, ['anthropic-claude', 'canva-magic-studio', 'midjourney', 'openai-api', 'openai-chatgpt']],
  ])('reads %s (%s)', async (format, file, extra, read, rejected, ids) => {
    const { report } = await discoverJson(format, file, extra);
    expect([report.linesRead, report.linesRejected]).toEqual([read, rejected]);
    expect(report.findings.map((f) => f.catalogId)).toEqual(ids);
    expect(report.findings.every((f) => f.registeredSystemId === null && typeof f.users === 'number')).toBe(true);
  });

  it('prints a table for people', async () => {
    const r = await runCli(null, ['discover', '--format', 'google', '--input', fixture('google-oauth-token-audit.csv')]);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toContain('6 line(s) read, 1 rejected; 3 AI service finding(s)');
    expect(r.stdout).toMatch(/ChatGPT \(OpenAI\)\s+chat_assistant\s+oauth\s+2\s+1/);
    expect(r.stdout).not.toContain('alice@harbour.hk');
  });

  it('fails clearly on a missing file, an unknown format and the wrong kind of file', async () => {
    const missing = await runCli(null, ['discover', '--format', 'squid', '--input', fixture('no-such-file.log')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/error: Cannot read .*no-such-file\.log: ENOENT/);

    const unknown = await runCli(null, ['discover', '--format', 'pcap', '--input', fixture('squid-access.log')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("argument 'pcap' is invalid");
    expect(unknown.stderr).toContain('squid, csv, jsonl, bind, entra, google, okta, expense');

    const wrong = await runCli(null, ['discover', '--format', 'csv', '--input', fixture('expenses.csv')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/error: Cannot find a domain or url column in this generic CSV; its columns are: Transaction Date/);
  });

  describe('--org', () => {
    let dataDir: string;
    beforeAll(async () => {
      dataDir = freshDataDir();
      const created = await runCli({ dataDir }, ['orgs', 'create', '--name', 'Harbour Point', '--slug', 'harbour-point']);
      if (created.code !== 0) throw new Error(describeRun(created));
    });
    afterAll(() => removeDir(dataDir));

    const store = (extra: string[] = []) =>
      runCli({ dataDir }, ['discover', '--format', 'squid', '--input', fixture('squid-access.log'), '--org', 'harbour-point', ...extra]);

    it('stores the findings as a run of the organisation; a second run adds requests, not the same users again', async () => {
      const first = await store(['--json']);
      expect(first.code, describeRun(first)).toBe(0);
      const report = JSON.parse(first.stdout) as { run: Record<string, unknown>; findings: Record<string, unknown>[] };
      expect(report.run).toMatchObject({
        status: 'done',
        format: 'squid',
        linesRead: 20,
        linesRejected: 4,
        findings: 6,
        createdBy: 'system (cli)',
      });
      expect(report.findings.find((f) => f.catalogId === 'deepseek-chat')).toMatchObject({ requests: 2, users: 2, registered: false });

      const second = await store();
      expect(second.code, describeRun(second)).toBe(0);
      expect(second.stdout).toContain('20 line(s) read, 4 rejected; 6 AI service(s) found');
      expect(second.stdout).toMatch(/DeepSeek Chat \(DeepSeek \(Hangzhou DeepSeek AI\)\)\s+4\s+2\s+unregistered\s+unreviewed/);
      expect(second.stdout).not.toContain('alice');
      // the file the CLI was pointed at is left alone
      expect(fs.existsSync(fixture('squid-access.log'))).toBe(true);
    });

    it('fails clearly on an unknown organisation and on --user-key', async () => {
      const unknown = await runCli({ dataDir }, [
        'discover',
        '--format',
        'squid',
        '--input',
        fixture('squid-access.log'),
        '--org',
        'nowhere',
      ]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Organisation "nowhere" not found');
      const keyed = await store(['--user-key', 'secret']);
      expect(keyed.code).toBe(1);
      expect(keyed.stderr).toContain('--user-key cannot be used with --org');
    });
  });
});
