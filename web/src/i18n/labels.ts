import {
  affectedPersonLabels,
  dataCategoryLabels,
  decisionRoleLabels,
  hostingLabels,
  lifecycleStageLabels,
  oversightLabels,
  regionLabels,
  registrationStatusLabels,
  sourceLabels,
  systemTypeLabels,
  type Locale,
} from '@contracts/systems/labels.js';

/** The register's coded values and their bilingual labels (from the server's contract). */
export const enumLabels = {
  type: systemTypeLabels,
  lifecycleStage: lifecycleStageLabels,
  hosting: hostingLabels,
  region: regionLabels,
  dataCategory: dataCategoryLabels,
  affectedPerson: affectedPersonLabels,
  decisionRole: decisionRoleLabels,
  oversight: oversightLabels,
  registrationStatus: registrationStatusLabels,
  source: sourceLabels,
} as const;
export type EnumKind = keyof typeof enumLabels;

export function toLocale(language: string): Locale {
  return language === 'zh-HK' ? 'zh-HK' : 'en';
}

export function enumLabel(kind: EnumKind, value: string, language: string): string {
  const table = enumLabels[kind] as Record<string, Record<Locale, string>>;
  return table[value]?.[toLocale(language)] ?? value;
}

export function enumOptions(kind: EnumKind, language: string): { value: string; label: string }[] {
  const table = enumLabels[kind] as Record<string, Record<Locale, string>>;
  return Object.entries(table).map(([value, labels]) => ({ value, label: labels[toLocale(language)] }));
}
