import { describe, expect, it } from 'vitest';
import {
  affectedPersonLabels,
  dataCategoryLabels,
  decisionRoleLabels,
  hostingLabels,
  lifecycleStageLabels,
  oversightLabels,
  regionLabels,
  registrationStatusLabels,
  systemTypeLabels,
} from '../systems/labels.js';
import { codeFor, columnIndex, normaliseHeader, splitList, systemColumns, vendorColumns, type Column } from './columns.js';

describe('normaliseHeader', () => {
  it('ignores case, spaces, hyphens, underscores and dashes', () => {
    const wanted = 'nextreviewdate';
    for (const h of [
      'Next review date',
      'next_review_date',
      'NEXT-REVIEW-DATE',
      '  Next   review\tdate ',
      'next–review—date',
      'nextReviewDate',
    ]) {
      expect(normaliseHeader(h), h).toBe(wanted);
    }
  });

  it('folds full-width letters and the ideographic space (NFKC), and keeps Chinese as it is', () => {
    expect(normaliseHeader('ＮＡＭＥ')).toBe('name');
    expect(normaliseHeader('下次\u3000檢討日期')).toBe('下次檢討日期');
    expect(normaliseHeader('目的及預期用途')).toBe('目的及預期用途');
  });
});

describe('columnIndex', () => {
  const registers: [string, Column[]][] = [
    ['systems', systemColumns],
    ['vendors', vendorColumns],
  ];

  it.each(registers)('finds every %s column by its field, English header and Chinese header, without collisions', (_name, columns) => {
    const index = columnIndex(columns);
    for (const c of columns) {
      for (const h of [c.field, c.headers.en, c.headers['zh-HK'], c.headers.en.toUpperCase(), c.headers.en.replace(/ /g, '_')]) {
        expect(index.get(normaliseHeader(h))?.field, `${c.field} by "${h}"`).toBe(c.field);
      }
    }
  });

  it('marks the required columns of each register', () => {
    expect(systemColumns.filter((c) => c.required).map((c) => c.field)).toEqual([
      'name',
      'purpose',
      'type',
      'hosting',
      'decisionRole',
      'humanOversight',
    ]);
    expect(vendorColumns.filter((c) => c.required).map((c) => c.field)).toEqual(['name']);
  });

  it('tells the vendor column of systems apart from the model providers column', () => {
    const index = columnIndex(systemColumns);
    expect(index.get(normaliseHeader('供應商'))?.field).toBe('vendorId');
    expect(index.get(normaliseHeader('模型供應商'))?.field).toBe('modelProviders');
    expect(index.get(normaliseHeader('Vendor'))?.field).toBe('vendorId');
  });
});

describe('codeFor', () => {
  const tables = {
    systemTypeLabels,
    lifecycleStageLabels,
    hostingLabels,
    regionLabels,
    dataCategoryLabels,
    affectedPersonLabels,
    decisionRoleLabels,
    oversightLabels,
    registrationStatusLabels,
  };

  it.each(Object.entries(tables))('maps every code and every English and Chinese label of %s back to its code', (_name, labels) => {
    for (const [code, l] of Object.entries(labels)) {
      expect(codeFor(labels, code), code).toBe(code);
      expect(codeFor(labels, l.en), l.en).toBe(code);
      expect(codeFor(labels, l['zh-HK']), l['zh-HK']).toBe(code);
    }
  });

  it('accepts labels written loosely: other case, spacing, underscores, hyphens', () => {
    expect(codeFor(systemTypeLabels, 'vendor saas with ai features')).toBe('vendor_saas_ai');
    expect(codeFor(systemTypeLabels, '具人工智能功能的供應商SaaS')).toBe('vendor_saas_ai');
    expect(codeFor(systemTypeLabels, '具人工智能功能的供應商 saas')).toBe('vendor_saas_ai');
    expect(codeFor(oversightLabels, 'human in the loop')).toBe('human_in_the_loop');
    expect(codeFor(oversightLabels, 'HUMAN-ON-THE-LOOP')).toBe('human_on_the_loop');
    expect(codeFor(hostingLabels, 'on premises')).toBe('on_premises');
    expect(codeFor(hostingLabels, 'Vendor-hosted')).toBe('vendor');
    expect(codeFor(dataCategoryLabels, '個人資料')).toBe('personal');
    expect(codeFor(dataCategoryLabels, '財務資料')).toBe('financial');
  });

  it('returns undefined for anything else, including a near miss and the simplified-Chinese term', () => {
    expect(codeFor(hostingLabels, 'Cloudy')).toBeUndefined();
    expect(codeFor(hostingLabels, '')).toBeUndefined();
    expect(codeFor(dataCategoryLabels, '个人信息')).toBeUndefined();
    expect(codeFor(lifecycleStageLabels, 'in production')).toBeUndefined();
  });
});

describe('splitList', () => {
  it('splits on semicolons, commas, new lines and the Chinese enumeration and full-width punctuation', () => {
    expect(splitList('a; b, c、d\ne')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(splitList('個人資料、財務資料')).toEqual(['個人資料', '財務資料']);
    expect(splitList('香港，歐盟；中國內地')).toEqual(['香港', '歐盟', '中國內地']);
    expect(splitList('Hong Kong\r\nSingapore')).toEqual(['Hong Kong', 'Singapore']);
  });

  it('trims items and drops empty ones', () => {
    expect(splitList('  GPT-4o ;; ; text-embedding-3-large ,')).toEqual(['GPT-4o', 'text-embedding-3-large']);
    expect(splitList('')).toEqual([]);
    expect(splitList(' ; , 、 ')).toEqual([]);
  });

  it('keeps spaces and hyphens inside an item', () => {
    expect(splitList('Microsoft 365 Copilot; Azure OpenAI GPT-4o deployment')).toEqual([
      'Microsoft 365 Copilot',
      'Azure OpenAI GPT-4o deployment',
    ]);
  });
});
