import type { TFunction } from 'i18next';
import { en } from '../../i18n/en';

type ActionKey = keyof typeof en.audit.actions;
type EntityTypeKey = keyof typeof en.audit.entityTypes;
type ActorTypeKey = keyof typeof en.audit.actorTypes;

export const knownActions = Object.keys(en.audit.actions) as ActionKey[];
export const knownEntityTypes = Object.keys(en.audit.entityTypes) as EntityTypeKey[];

export function actionLabel(action: string, t: TFunction): string {
  return action in en.audit.actions ? t(`audit.actions.${action as ActionKey}`) : action;
}

export function entityTypeLabel(type: string, t: TFunction): string {
  return type in en.audit.entityTypes ? t(`audit.entityTypes.${type as EntityTypeKey}`) : type;
}

export function actorTypeLabel(type: string, t: TFunction): string {
  return type in en.audit.actorTypes ? t(`audit.actorTypes.${type as ActorTypeKey}`) : type;
}
