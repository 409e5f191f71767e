import { describe, expect, it } from 'vitest';
import { loadAiCatalogue } from '../../lib/discovery/catalogue.js';
import { autoMatch, countEntriesPerProvider, type MatchableSystem } from './match.js';

const catalogue = loadAiCatalogue();
const perProvider = countEntriesPerProvider(catalogue.entries);
const entry = (id: string) => {
  const e = catalogue.byId.get(id);
  if (!e) throw new Error(`no catalogue entry ${id}`);
  return e;
};
const system = (name: string, over: Partial<MatchableSystem> = {}): MatchableSystem => ({
  id: name,
  name,
  modelProviders: [],
  vendorName: null,
  ...over,
});

describe('autoMatch', () => {
  it('matches a system whose name contains the product name, ignoring case and punctuation', () => {
    const chatgpt = entry('openai-chatgpt');
    expect(autoMatch(chatgpt, [system('Payroll bot'), system('ChatGPT Enterprise (HK)')], perProvider)?.id).toBe('ChatGPT Enterprise (HK)');
    expect(autoMatch(chatgpt, [system('Zeta chat-gpt pilot'), system('Alpha CHAT GPT')], perProvider)?.id).toBe('Alpha CHAT GPT');
  });

  it('matches by provider only when the provider has a single catalogue entry', () => {
    const openAi = system('Helpdesk drafts', { modelProviders: ['OpenAI'] });
    expect(perProvider.get('openai')).toBeGreaterThan(1);
    expect(autoMatch(entry('openai-chatgpt'), [openAi], perProvider)).toBeNull();

    const single = [...perProvider].find(([, n]) => n === 1)![0];
    const lone = catalogue.entries.find(
      (e) =>
        e.provider
          .toLowerCase()
          .replace(/\([^)]*\)/g, '')
          .replace(/[^\p{L}\p{N}]+/gu, '') === single,
    )!;
    const byVendor = system('Team notes', { vendorName: lone.provider.replace(/\s*\([^)]*\)/, '').toUpperCase() });
    expect(autoMatch(lone, [byVendor], perProvider)?.id).toBe('Team notes');
  });

  it('does not match an unrelated system', () => {
    expect(autoMatch(entry('deepseek-chat'), [system('Payroll bot', { modelProviders: ['Anthropic'] })], perProvider)).toBeNull();
  });
});
