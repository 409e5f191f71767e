import { describe, expect, it } from 'vitest';
import { modelDeclared } from './directory.js';

describe('modelDeclared', () => {
  it('matches names ignoring case, version snapshots, tags and provider prefixes', () => {
    expect(modelDeclared(['gpt-4o'], 'GPT-4o')).toBe(true);
    expect(modelDeclared(['gpt-4o'], 'gpt-4o-2024-08-06')).toBe(true);
    expect(modelDeclared(['gpt-4o'], 'gpt-4o-latest')).toBe(true);
    expect(modelDeclared(['claude-3-5-sonnet'], 'claude-3-5-sonnet@20240620')).toBe(true);
    expect(modelDeclared(['llama3'], 'llama3:8b')).toBe(true);
    expect(modelDeclared(['gpt-4o'], 'openai/gpt-4o')).toBe(true);
  });

  it('does not let a declared model cover a different one', () => {
    expect(modelDeclared(['gpt-4o'], 'gpt-4o-mini')).toBe(false);
    expect(modelDeclared(['gpt-4'], 'gpt-4o')).toBe(false);
    expect(modelDeclared(['gpt-4'], 'gpt-4.1')).toBe(false);
    expect(modelDeclared(['gpt-4'], 'gpt-4-turbo')).toBe(false);
    expect(modelDeclared([], 'gpt-4o')).toBe(false);
    expect(modelDeclared([''], 'gpt-4o')).toBe(false);
  });
});
