import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledAiServiceFiles } from './bundled.js';
import { AiCatalogueError, buildAiCatalogue, loadAiCatalogue } from './catalogue.js';
import { aiServiceCategories, type AiServiceEntryInput } from './catalogue-schema.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../catalogs/ai-services');

function entry(over: Partial<AiServiceEntryInput> = {}): AiServiceEntryInput {
  return {
    id: 'example-ai',
    provider: 'Example',
    product: 'Example AI',
    category: 'chat_assistant',
    domains: ['example-ai.test'],
    oauthAppNames: [],
    merchantNames: [],
    providerCountry: 'US',
    dataUseNote: "Check the provider's current terms.",
    termsUrl: null,
    ...over,
  };
}

function problems(files: { name: string; raw: unknown }[], extra: unknown[] = []): string[] {
  try {
    buildAiCatalogue(files, extra);
    return [];
  } catch (err) {
    if (err instanceof AiCatalogueError) return err.problems;
    throw err;
  }
}

const file = (...services: AiServiceEntryInput[]) => ({ name: 'test.json', raw: { services } });

describe('the bundled AI service catalogue', () => {
  const catalogue = loadAiCatalogue();

  it('has at least 400 valid entries, every category used', () => {
    expect(catalogue.entries.length).toBeGreaterThanOrEqual(400);
    const used = new Set(catalogue.entries.map((e) => e.category));
    expect([...used].sort()).toEqual([...aiServiceCategories].sort());
  });

  it('loads every file of catalogs/ai-services (none forgotten in bundled.ts)', () => {
    const onDisk = fs.readdirSync(folder).filter((f) => f.endsWith('.json'));
    expect(bundledAiServiceFiles.map((f) => f.name).sort()).toEqual(onDisk.sort());
  });

  it('covers the mainland-Chinese services used in Hong Kong and the AI inside common SaaS', () => {
    const ids = [
      'deepseek-chat',
      'alibaba-qwen',
      'bytedance-doubao',
      'moonshot-kimi',
      'baidu-ernie-bot',
      'tencent-yuanbao',
      'zhipu-chatglm',
      'minimax-agent',
      'iflytek-spark',
      'sensetime-sensechat',
      'baichuan',
      'stepfun-yuewen',
      '01ai-api',
      'kuaishou-kling',
      'bytedance-jimeng',
      'kunlun-tiangong',
      'metaso',
      'microsoft-365-copilot',
      'salesforce-agentforce',
      'hubspot-breeze',
      'zoom-ai-companion',
      'notion-ai',
      'slack-ai',
      'grammarly',
      'otter-ai',
      'canva-magic-studio',
      'adobe-firefly',
      'atlassian-intelligence',
      'servicenow-now-assist',
      'workday-ai',
      'google-gemini-workspace',
    ];
    for (const id of ids) expect(catalogue.byId.get(id), id).toBeDefined();
    expect(catalogue.byId.get('deepseek-chat')!.providerCountry).toBe('CN');
  });

  it('lists no generic platform domain except on a model-API entry marked so', () => {
    for (const e of catalogue.entries) {
      for (const d of e.domains)
        expect(['googleapis.com', 'amazonaws.com', 'google.com', 'microsoft.com', 'baidu.com', 'qq.com']).not.toContain(d);
    }
  });
});

describe('catalogue validation', () => {
  it('accepts a valid file', () => {
    expect(problems([file(entry())])).toEqual([]);
  });

  it('refuses duplicate ids, unknown categories and bad country codes', () => {
    expect(problems([file(entry(), entry({ domains: ['other.test'] }))])).toEqual([expect.stringContaining('id example-ai is also used')]);
    expect(problems([file(entry({ category: 'toaster' as 'chat_assistant' }))])[0]).toMatch(/category/);
    expect(problems([file(entry({ providerCountry: 'China' }))])[0]).toMatch(/providerCountry/);
  });

  it('refuses domains that are not lowercase punycode names', () => {
    expect(problems([file(entry({ domains: ['Example-AI.test'] }))])[0]).toMatch(/not a lowercase punycode/);
    expect(problems([file(entry({ domains: ['例子.测试'] }))])[0]).toMatch(/not a lowercase punycode/);
    expect(problems([file(entry({ domains: ['https://example-ai.test/'] }))])[0]).toMatch(/not a lowercase punycode/);
    expect(problems([file(entry({ domains: ['10.0.0.1'] }))])[0]).toMatch(/not a lowercase punycode/);
  });

  it('refuses a domain claimed by two entries unless both mark it shared', () => {
    const a = entry({ id: 'a-ai', domains: ['same.test'] });
    const b = entry({ id: 'b-ai', domains: ['same.test'] });
    expect(problems([file(a, b)])).toEqual([expect.stringMatching(/same\.test is claimed by a-ai, b-ai/)]);
    const sa = entry({ id: 'a-ai', domains: [], sharedDomains: ['same.test'] });
    const sb = entry({ id: 'b-ai', domains: [], sharedDomains: ['same.test'] });
    expect(problems([file(sa, sb)])).toEqual([]);
    expect(problems([file(sa, b)])).toHaveLength(1);
  });

  it('refuses generic cloud domains unless the entry is the model API itself', () => {
    expect(problems([file(entry({ domains: ['googleapis.com'] }))])[0]).toMatch(/generic platform domain/);
    expect(problems([file(entry({ domains: ['googleapis.com'], modelApi: true, category: 'model_api' }))])).toEqual([]);
    expect(problems([file(entry({ domains: ['generativelanguage.googleapis.com'] }))])).toEqual([]);
  });

  it('refuses application and merchant names claimed twice, and merchant names too short to be safe', () => {
    const a = entry({ id: 'a-ai', domains: [], oauthAppNames: ['Example AI'], merchantNames: ['EXAMPLE AI INC'] });
    const b = entry({ id: 'b-ai', domains: [], oauthAppNames: ['example  ai'], merchantNames: ['Example-AI Inc.'] });
    expect(problems([file(a, b)])).toEqual([
      expect.stringMatching(/application name "example {2}ai" is also claimed by a-ai/),
      expect.stringMatching(/merchant name "Example-AI Inc\." is also claimed by a-ai/),
    ]);
    expect(problems([file(entry({ merchantNames: ['AI'] }))])[0]).toMatch(/too short/);
  });

  it('merges extra entries over the bundled ones, normalising their domains', () => {
    const base = [file(entry())];
    const merged = buildAiCatalogue(base, [
      entry({ product: 'Example AI (our tenant)', domains: ['EXAMPLE-AI.test.'] }),
      entry({ id: 'in-house-bot', product: 'In-house bot', domains: ['機器人.香港'] }),
    ]);
    expect(merged.entries).toHaveLength(2);
    expect(merged.byId.get('example-ai')).toMatchObject({ product: 'Example AI (our tenant)', domains: ['example-ai.test'] });
    expect(merged.byId.get('in-house-bot')!.domains[0]).toMatch(/^xn--/);
    expect(problems(base, [entry({ id: 'clash', domains: ['example-ai.test'] })])).toHaveLength(1);
    expect(problems(base, [{ id: 'x' }])).not.toEqual([]);
  });
});
