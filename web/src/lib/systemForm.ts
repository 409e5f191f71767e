import type {
  affectedPersons,
  CreateSystemInput,
  dataCategories,
  decisionRoles,
  hostingOptions,
  lifecycleStages,
  oversightLevels,
  regions,
  registrationStatuses,
  SystemView,
  systemTypes,
  UpdateSystemInput,
} from '@contracts/systems/schema.js';

type One<T extends readonly string[]> = T[number];

/** What the system form edits. Empty selects are null here; the contract decides whether that is allowed. */
export interface SystemFormValues {
  name: string;
  purpose: string;
  intendedUsers: string;
  businessUnit: string;
  accountableOwnerId: string | null;
  technicalOwnerId: string | null;
  type: One<typeof systemTypes> | null;
  lifecycleStage: One<typeof lifecycleStages>;
  hosting: One<typeof hostingOptions> | null;
  regionsUsed: One<typeof regions>[];
  outputRegions: One<typeof regions>[];
  models: string[];
  modelProviders: string[];
  vendorId: string | null;
  dataCategories: One<typeof dataCategories>[];
  affectedPersons: One<typeof affectedPersons>[];
  decisionRole: One<typeof decisionRoles> | null;
  humanOversight: One<typeof oversightLevels> | null;
  tags: string[];
  nextReviewDate: string | null;
  registrationStatus: One<typeof registrationStatuses>;
}

export const systemFormFields = [
  'name',
  'purpose',
  'intendedUsers',
  'businessUnit',
  'accountableOwnerId',
  'technicalOwnerId',
  'type',
  'lifecycleStage',
  'hosting',
  'regionsUsed',
  'outputRegions',
  'models',
  'modelProviders',
  'vendorId',
  'dataCategories',
  'affectedPersons',
  'decisionRole',
  'humanOversight',
  'tags',
  'nextReviewDate',
  'registrationStatus',
] as const satisfies readonly (keyof SystemFormValues)[];

export function emptySystemValues(): SystemFormValues {
  return {
    name: '',
    purpose: '',
    intendedUsers: '',
    businessUnit: '',
    accountableOwnerId: null,
    technicalOwnerId: null,
    type: null,
    lifecycleStage: 'proposed',
    hosting: null,
    regionsUsed: [],
    outputRegions: [],
    models: [],
    modelProviders: [],
    vendorId: null,
    dataCategories: [],
    affectedPersons: [],
    decisionRole: null,
    humanOversight: null,
    tags: [],
    nextReviewDate: null,
    registrationStatus: 'draft',
  };
}

export function systemValuesFromView(s: SystemView): SystemFormValues {
  return {
    name: s.name,
    purpose: s.purpose,
    intendedUsers: s.intendedUsers ?? '',
    businessUnit: s.businessUnit ?? '',
    accountableOwnerId: s.accountableOwner?.id ?? null,
    technicalOwnerId: s.technicalOwner?.id ?? null,
    type: s.type,
    lifecycleStage: s.lifecycleStage,
    hosting: s.hosting,
    regionsUsed: s.regionsUsed,
    outputRegions: s.outputRegions,
    models: s.models,
    modelProviders: s.modelProviders,
    vendorId: s.vendor?.id ?? null,
    dataCategories: s.dataCategories,
    affectedPersons: s.affectedPersons,
    decisionRole: s.decisionRole,
    humanOversight: s.humanOversight,
    tags: s.tags,
    nextReviewDate: s.nextReviewDate,
    registrationStatus: s.registrationStatus,
  };
}

/**
 * The request body. Unset required selects are sent as undefined so the contract reports them as missing;
 * the cast is safe because the body is always validated by `createSystemInput` before it is sent.
 */
export function systemPayload(v: SystemFormValues): CreateSystemInput {
  return {
    name: v.name,
    purpose: v.purpose,
    intendedUsers: v.intendedUsers || null,
    businessUnit: v.businessUnit || null,
    accountableOwnerId: v.accountableOwnerId,
    technicalOwnerId: v.technicalOwnerId,
    type: v.type ?? undefined,
    lifecycleStage: v.lifecycleStage,
    hosting: v.hosting ?? undefined,
    regionsUsed: v.regionsUsed,
    outputRegions: v.outputRegions,
    models: v.models,
    modelProviders: v.modelProviders,
    vendorId: v.vendorId,
    dataCategories: v.dataCategories,
    affectedPersons: v.affectedPersons,
    decisionRole: v.decisionRole ?? undefined,
    humanOversight: v.humanOversight ?? undefined,
    tags: v.tags,
    nextReviewDate: v.nextReviewDate || null,
    registrationStatus: v.registrationStatus,
  } as CreateSystemInput;
}

/** Only the fields that changed, plus the version the edit started from (a stale one answers 409). */
export function systemChanges(initial: SystemFormValues, current: SystemFormValues, version: number): UpdateSystemInput {
  const before = systemPayload(initial) as Record<string, unknown>;
  const after = systemPayload(current) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return { ...(changes as UpdateSystemInput), version };
}
