import type { AimsComponent, Bilingual } from '@contracts/frameworks/schema.js';
import type { CrosswalkRelation } from '../../api/frameworks';
import { toLocale } from '../../i18n/labels';

/** The catalogue's own language for a bilingual text. */
export function pick(value: Bilingual, language: string): string {
  return value[toLocale(language)];
}

/** Reading a link from its "to" end turns "subset" into "superset" and back. */
export function reverseRelation(relation: CrosswalkRelation): CrosswalkRelation {
  if (relation === 'subset') return 'superset';
  if (relation === 'superset') return 'subset';
  return relation;
}

export const relationColor: Record<CrosswalkRelation, string> = {
  equal: 'teal',
  subset: 'blue',
  superset: 'violet',
  intersects: 'orange',
};

export const componentColor: Record<AimsComponent, string> = {
  policy: 'indigo',
  inventory: 'cyan',
  risk: 'red',
  impact: 'grape',
  monitoring: 'yellow',
  third_party: 'lime',
  improvement: 'teal',
};

export const packKinds = ['standard', 'law', 'regulation', 'guidance', 'framework'] as const;
export type PackKind = (typeof packKinds)[number];
export function isPackKind(kind: string): kind is PackKind {
  return (packKinds as readonly string[]).includes(kind);
}
