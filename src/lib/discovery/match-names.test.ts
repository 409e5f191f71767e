import { describe, expect, it } from 'vitest';
import { loadAiCatalogue } from './catalogue.js';
import { AppNameMatcher, MerchantMatcher } from './match-names.js';

const { entries } = loadAiCatalogue();

describe('AppNameMatcher', () => {
  const apps = new AppNameMatcher(entries, { 'Harbour GPT (ChatGPT Enterprise)': 'openai-chatgpt' });
  it('matches exact names after normalising case, spacing, punctuation and width', () => {
    expect(apps.match('ChatGPT')?.id).toBe('openai-chatgpt');
    expect(apps.match('  chatgpt ')?.id).toBe('openai-chatgpt');
    expect(apps.match('ＣｈａｔＧＰＴ')?.id).toBe('openai-chatgpt');
    expect(apps.match('Otter.ai')?.id).toBe('otter-ai');
    expect(apps.match('otter ai')?.id).toBe('otter-ai');
    expect(apps.match('豆包')?.id).toBe('bytedance-doubao');
  });
  it('does not guess: partial or extended names do not match', () => {
    expect(apps.match('ChatGPT Connector for Jira')).toBeNull();
    expect(apps.match('Chat')).toBeNull();
    expect(apps.match('Office 365 Exchange Online')).toBeNull();
  });
  it('uses configured aliases and refuses an alias to an unknown entry', () => {
    expect(apps.match('harbour gpt (chatgpt enterprise)')?.id).toBe('openai-chatgpt');
    expect(() => new AppNameMatcher(entries, { x: 'no-such-entry' })).toThrow(/not in the catalogue/);
  });
});

describe('MerchantMatcher', () => {
  const merchants = new MerchantMatcher(entries);
  it.each([
    ['OPENAI *CHATGPT SUBSCR OPENAI.COM CA', 'openai-chatgpt'],
    ['OPENAI *CHATGPT SUBSCR', 'openai-chatgpt'],
    ['OPENAI', 'openai-api'],
    ['OpenAI San Francisco', 'openai-api'],
    ['MIDJOURNEY INC. SOUTH SAN FRAN', 'midjourney'],
    ['PAYPAL *CANVA PTY LTD', 'canva-magic-studio'],
    ['CLAUDE.AI SUBSCRIPTION ANTHROPIC.COM', 'anthropic-claude'],
    ['grammarly', 'grammarly'],
  ])('%s → %s', (descriptor, id) => expect(merchants.match(descriptor)?.id).toBe(id));

  it.each([
    'OPENAIRE CONSULTING LTD',
    'MY OPENAI TRAINING LTD',
    'MTR CORPORATION LTD',
    'CANVAS PRINTING CO',
    'PAYPAL *SOMESHOP',
    '',
    'SQ *',
  ])('%j matches nothing', (descriptor) => expect(merchants.match(descriptor)).toBeNull());
});
