import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Drizzle tables. Every business row carries org_id; migrations are generated from this file (drizzle/). */

/**
 * Millisecond precision, which is what a JavaScript Date holds: a value read, backed up and restored stays the
 * same on both engines (PostgreSQL's own would otherwise keep microseconds that a Date drops).
 */
const tz = { withTimezone: true, mode: 'date', precision: 3 } as const;

const createdAt = () => timestamp('created_at', tz).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', tz).notNull().defaultNow();

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('en'),
    createdAt: createdAt(),
    disabledAt: timestamp('disabled_at', tz),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  'memberships',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value; the cookie itself is never stored. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', tz).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role').notNull(),
    /** SHA-256 of the token; the token is shown once at creation. */
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', tz).notNull(),
    revokedAt: timestamp('revoked_at', tz),
    lastUsedAt: timestamp('last_used_at', tz),
  },
  (t) => [index('api_tokens_org_idx').on(t.orgId)],
);

export const vendors = pgTable(
  'vendors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    website: text('website'),
    products: text('products')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    aiFeatures: text('ai_features')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    headquartersCountry: text('headquarters_country'),
    dataProcessingRegions: text('data_processing_regions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [
    index('vendors_org_idx').on(t.orgId, t.name),
    uniqueIndex('vendors_org_name_active_idx')
      .on(t.orgId, sql`lower(${t.name})`)
      .where(sql`${t.archivedAt} is null`),
  ],
);

export const aiSystems = pgTable(
  'ai_systems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    purpose: text('purpose').notNull(),
    intendedUsers: text('intended_users'),
    businessUnit: text('business_unit'),
    accountableOwnerId: uuid('accountable_owner_id').references(() => users.id),
    technicalOwnerId: uuid('technical_owner_id').references(() => users.id),
    type: text('type').notNull(),
    lifecycleStage: text('lifecycle_stage').notNull(),
    hosting: text('hosting').notNull(),
    regionsUsed: text('regions_used')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    outputRegions: text('output_regions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    models: text('models')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    modelProviders: text('model_providers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    vendorId: uuid('vendor_id').references(() => vendors.id),
    dataCategories: text('data_categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    affectedPersons: text('affected_persons')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    decisionRole: text('decision_role').notNull(),
    humanOversight: text('human_oversight').notNull(),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    nextReviewDate: date('next_review_date', { mode: 'string' }),
    registrationStatus: text('registration_status').notNull(),
    source: text('source').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [
    index('ai_systems_org_name_idx').on(t.orgId, t.name),
    index('ai_systems_org_updated_idx').on(t.orgId, t.updatedAt),
    index('ai_systems_org_vendor_idx').on(t.orgId, t.vendorId),
    index('ai_systems_org_accountable_idx').on(t.orgId, t.accountableOwnerId),
    index('ai_systems_org_technical_idx').on(t.orgId, t.technicalOwnerId),
    index('ai_systems_data_categories_idx').using('gin', t.dataCategories),
    index('ai_systems_org_live_name_idx')
      .on(t.orgId, t.name, t.id)
      .where(sql`${t.archivedAt} is null`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Position in the organisation's chain, 1, 2, 3 … without gaps. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', tz).notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('audit_log_org_seq_idx').on(t.orgId, t.seq), index('audit_log_org_entity_idx').on(t.orgId, t.entityType, t.entityId)],
);

/** The last link of each organisation's chain, so that deleting the newest entries is detected too. */
export const auditHeads = pgTable('audit_heads', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

export const importRuns = pgTable(
  'import_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    fileName: text('file_name').notNull(),
    dryRun: boolean('dry_run').notNull(),
    state: text('state').notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    createdRows: integer('created_rows').notNull().default(0),
    errors: jsonb('errors')
      .notNull()
      .default(sql`'[]'::jsonb`),
    message: text('message'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', tz),
  },
  (t) => [index('import_runs_org_idx').on(t.orgId, t.createdAt)],
);

/* ---------- Compliance core: applied controls, assessments, remediation, evidence, SoA, custom frameworks ---------- */

/** Frameworks an organisation imported itself (OSCAL catalog or spreadsheet); the pack is kept whole as JSON. */
export const customFrameworks = pgTable(
  'custom_frameworks',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    pack: jsonb('pack').notNull(),
    importedFrom: text('imported_from').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const appliedControls = pgTable(
  'applied_controls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    ownerId: uuid('owner_id').references(() => users.id),
    status: text('status').notNull(),
    frequency: text('frequency').notNull(),
    /** the starter-library control it was adopted from, if any */
    suggestionId: text('suggestion_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [index('applied_controls_org_name_idx').on(t.orgId, t.name)],
);

export const controlRequirements = pgTable(
  'control_requirements',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    controlId: uuid('control_id')
      .notNull()
      .references(() => appliedControls.id, { onDelete: 'cascade' }),
    framework: text('framework').notNull(),
    requirementId: text('requirement_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.controlId, t.framework, t.requirementId] }),
    index('control_requirements_org_req_idx').on(t.orgId, t.framework, t.requirementId),
  ],
);

export const controlSystems = pgTable(
  'control_systems',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    controlId: uuid('control_id')
      .notNull()
      .references(() => appliedControls.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => aiSystems.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.controlId, t.systemId] }), index('control_systems_org_system_idx').on(t.orgId, t.systemId)],
);

export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    framework: text('framework').notNull(),
    frameworkVersion: text('framework_version').notNull(),
    title: text('title').notNull(),
    /** null: the whole organisation; otherwise the one AI system assessed */
    systemId: uuid('system_id').references(() => aiSystems.id),
    status: text('status').notNull(),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [index('assessments_org_idx').on(t.orgId, t.framework)],
);

export const assessmentItems = pgTable(
  'assessment_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    requirementId: text('requirement_id').notNull(),
    status: text('status').notNull().default('not_assessed'),
    /** "derived": the status follows the linked controls; "manual": a person set it (the override is audited) */
    statusSource: text('status_source').notNull().default('derived'),
    overrideReason: text('override_reason'),
    justification: text('justification'),
    maturity: integer('maturity'),
    notes: text('notes'),
    gapDescription: text('gap_description'),
    ownerId: uuid('owner_id').references(() => users.id),
    dueDate: date('due_date', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('assessment_items_requirement_idx').on(t.assessmentId, t.requirementId),
    index('assessment_items_org_idx').on(t.orgId, t.assessmentId),
  ],
);

export const remediationActions = pgTable(
  'remediation_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    assessmentItemId: uuid('assessment_item_id').references(() => assessmentItems.id, { onDelete: 'set null' }),
    framework: text('framework'),
    requirementId: text('requirement_id'),
    title: text('title').notNull(),
    description: text('description'),
    ownerId: uuid('owner_id').references(() => users.id),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status').notNull(),
    /** computed when the action is created: requirement weight × risk of the systems it touches */
    computedPriority: integer('computed_priority').notNull(),
    /** a person's choice, which wins over the computed value */
    priorityOverride: integer('priority_override'),
    priorityBasis: jsonb('priority_basis').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('remediation_actions_org_idx').on(t.orgId, t.status)],
);

export const evidenceItems = pgTable(
  'evidence_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    url: text('url'),
    note: text('note'),
    ownerId: uuid('owner_id').references(() => users.id),
    collectedOn: date('collected_on', { mode: 'string' }),
    expiresOn: date('expires_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [index('evidence_items_org_idx').on(t.orgId, t.title), index('evidence_items_org_expiry_idx').on(t.orgId, t.expiresOn)],
);

/** Each uploaded file of an evidence item; the bytes live in the data directory under their SHA-256. */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidenceItems.id, { onDelete: 'cascade' }),
    versionNo: integer('version_no').notNull(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    fileName: text('file_name').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: createdAt(),
  },
  (t) => [uniqueIndex('evidence_files_version_idx').on(t.evidenceId, t.versionNo), index('evidence_files_sha_idx').on(t.sha256)],
);

/**
 * What an evidence item supports. `targetType` is requirement (key "framework:requirementId"), control, system or
 * assessment_item (key: the row's id).
 */
export const evidenceLinks = pgTable(
  'evidence_links',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidenceItems.id, { onDelete: 'cascade' }),
    targetType: text('target_type').notNull(),
    targetKey: text('target_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.evidenceId, t.targetType, t.targetKey] }),
    index('evidence_links_org_target_idx').on(t.orgId, t.targetType, t.targetKey),
  ],
);

/** The organisation's working Statement of Applicability: one row per Annex A control. */
export const soaEntries = pgTable(
  'soa_entries',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    controlRef: text('control_ref').notNull(),
    /** null until a person decides */
    applicable: boolean('applicable'),
    justification: text('justification'),
    implementationStatus: text('implementation_status').notNull().default('not_started'),
    ownerId: uuid('owner_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.controlRef] })],
);

/** Approved SoA versions, frozen: the whole statement as it was approved, never changed afterwards. */
export const soaVersions = pgTable(
  'soa_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    versionNo: integer('version_no').notNull(),
    approvedBy: uuid('approved_by').references(() => users.id),
    approverName: text('approver_name').notNull(),
    approvedAt: timestamp('approved_at', tz).notNull(),
    note: text('note'),
    snapshot: jsonb('snapshot').notNull(),
    /** SHA-256 of the snapshot's canonical JSON, so a frozen version can be shown unchanged */
    snapshotHash: text('snapshot_hash').notNull(),
  },
  (t) => [uniqueIndex('soa_versions_org_no_idx').on(t.orgId, t.versionNo)],
);

/* ---------- Risk: classifications, the AI risk register, impact assessments ---------- */

/** Each time a system is classified (wizard answers, the result and the rules version); the newest is current. */
export const systemClassifications = pgTable(
  'system_classifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => aiSystems.id, { onDelete: 'cascade' }),
    rulesVersion: text('rules_version').notNull(),
    euAnswers: jsonb('eu_answers').notNull(),
    euResult: jsonb('eu_result').notNull(),
    tier: text('tier').notNull(),
    hkAnswers: jsonb('hk_answers'),
    hkResult: jsonb('hk_result'),
    classifiedBy: text('classified_by').notNull(),
    classifiedAt: createdAt(),
  },
  (t) => [index('system_classifications_org_system_idx').on(t.orgId, t.systemId, t.classifiedAt)],
);

/** The organisation's risk matrix, risk criteria (clause 6.1.1) and review cadence by tier. */
export const riskSettings = pgTable('risk_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  matrix: jsonb('matrix').notNull(),
  criteria: jsonb('criteria').notNull(),
  reviewCadence: jsonb('review_cadence').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: updatedAt(),
});

export const risks = pgTable(
  'risks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** null: an organisation-wide risk */
    systemId: uuid('system_id').references(() => aiSystems.id),
    title: text('title').notNull(),
    description: text('description'),
    /** ISO/IEC 42001 Annex C risk source and organisational objective (requirement ids of the pack) */
    riskSource: text('risk_source'),
    objective: text('objective'),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    treatment: text('treatment'),
    treatmentJustification: text('treatment_justification'),
    residualLikelihood: integer('residual_likelihood'),
    residualImpact: integer('residual_impact'),
    ownerId: uuid('owner_id').references(() => users.id),
    reviewDate: date('review_date', { mode: 'string' }),
    status: text('status').notNull(),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    acceptedByName: text('accepted_by_name'),
    acceptedAt: timestamp('accepted_at', tz),
    acceptanceNote: text('acceptance_note'),
    /** the suggestion rule it came from, so a suggestion is not offered twice */
    suggestionKey: text('suggestion_key'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [
    index('risks_org_status_idx').on(t.orgId, t.status),
    index('risks_org_system_idx').on(t.orgId, t.systemId),
    index('risks_org_updated_idx').on(t.orgId, t.updatedAt),
  ],
);

export const riskControls = pgTable(
  'risk_controls',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    riskId: uuid('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    controlId: uuid('control_id')
      .notNull()
      .references(() => appliedControls.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.riskId, t.controlId] }), index('risk_controls_org_control_idx').on(t.orgId, t.controlId)],
);

/**
 * AI system impact assessments, one row per version of a system's assessment. Only the newest version is edited;
 * an approved version is frozen and a change starts the next one.
 */
export const impactAssessments = pgTable(
  'impact_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => aiSystems.id),
    versionNo: integer('version_no').notNull(),
    status: text('status').notNull(),
    content: jsonb('content').notNull(),
    /** the system's purpose, models and data categories when the assessment was made (SHA-256) */
    systemFingerprint: text('system_fingerprint').notNull(),
    needsReassessment: boolean('needs_reassessment').notNull().default(false),
    reassessmentReason: text('reassessment_reason'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    submittedAt: timestamp('submitted_at', tz),
    approvedAt: timestamp('approved_at', tz),
  },
  (t) => [
    uniqueIndex('impact_assessments_system_version_idx').on(t.systemId, t.versionNo),
    index('impact_assessments_org_idx').on(t.orgId, t.status),
  ],
);

export const impactAssessmentSignoffs = pgTable(
  'impact_assessment_signoffs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => impactAssessments.id, { onDelete: 'cascade' }),
    /** the sign-off step, e.g. system_owner, governance_lead */
    step: text('step').notNull(),
    userId: uuid('user_id').references(() => users.id),
    signerName: text('signer_name').notNull(),
    decision: text('decision').notNull(),
    note: text('note'),
    signedAt: createdAt(),
  },
  (t) => [index('impact_assessment_signoffs_assessment_idx').on(t.assessmentId)],
);

/* ---------- Technical assurance: data sets, fairness and drift runs, threshold profiles ---------- */

/** A data file uploaded to a system for fairness tests and drift checks; the bytes live under their SHA-256. */
export const datasets = pgTable(
  'datasets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => aiSystems.id),
    name: text('name').notNull(),
    fileName: text('file_name').notNull(),
    /** csv or parquet */
    format: text('format').notNull(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    rowCount: integer('row_count').notNull(),
    /** [{ name, kind: numeric | categorical, distinct, empty, sample }] as profiled on upload */
    columns: jsonb('columns').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: createdAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [index('datasets_org_system_idx').on(t.orgId, t.systemId, t.createdAt)],
);

/** Named fairness thresholds: each a documented policy choice of the organisation (built-in or its own). */
export const thresholdProfiles = pgTable(
  'threshold_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** hk_eoc, us_four_fifths for the built-in ones; null for the organisation's own */
    builtInKey: text('built_in_key'),
    name: text('name').notNull(),
    rationale: text('rationale').notNull(),
    /** the protected characteristics the profile pre-selects (attribute concepts, matched to column names) */
    sensitiveAttributes: text('sensitive_attributes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** { metric: { min?, max? } } plus minGroupSize */
    thresholds: jsonb('thresholds').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [uniqueIndex('threshold_profiles_org_name_idx').on(t.orgId, t.name)],
);

/** One fairness test or drift check, immutable once stored: inputs' hashes, parameters, library version, results. */
export const assuranceRuns = pgTable(
  'assurance_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => aiSystems.id),
    /** fairness or drift */
    kind: text('kind').notNull(),
    /** the data set tested (fairness) or the current data (drift) */
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id),
    referenceDatasetId: uuid('reference_dataset_id').references(() => datasets.id),
    profileId: uuid('profile_id').references(() => thresholdProfiles.id),
    parameters: jsonb('parameters').notNull(),
    /** { dataset: sha256, reference?: sha256, profile?: sha256 of the thresholds used } */
    inputHashes: jsonb('input_hashes').notNull(),
    libraryVersion: text('library_version').notNull(),
    results: jsonb('results').notNull(),
    /** pass / fail (fairness against the profile) or drift / no_drift */
    outcome: text('outcome').notNull(),
    /** the headline figure charted over time: drift share, or the worst fairness ratio */
    score: doublePrecision('score'),
    evidenceId: uuid('evidence_id').references(() => evidenceItems.id),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('assurance_runs_org_system_idx').on(t.orgId, t.systemId, t.kind, t.createdAt)],
);

/* ---------- Telemetry: OTLP spans, per-minute rollups, unregistered AI ---------- */

export const telemetrySettings = pgTable('telemetry_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  spanRetentionDays: integer('span_retention_days').notNull().default(7),
  rollupRetentionDays: integer('rollup_retention_days').notNull().default(400),
  updatedAt: updatedAt(),
});

/** A service.name that reports for a registered system (besides the aims.system.id resource attribute). */
export const telemetryBindings = pgTable(
  'telemetry_bindings',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    serviceName: text('service_name').notNull(),
    systemId: uuid('system_id')
      .notNull()
      .references(() => aiSystems.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.serviceName] }), index('telemetry_bindings_system_idx').on(t.orgId, t.systemId)],
);

/** Raw GenAI spans, kept for the organisation's retention period. */
export const telemetrySpans = pgTable(
  'telemetry_spans',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id'),
    serviceName: text('service_name').notNull(),
    genAiSystem: text('gen_ai_system'),
    model: text('model'),
    operation: text('operation'),
    traceId: text('trace_id').notNull(),
    spanId: text('span_id').notNull(),
    name: text('name').notNull(),
    startTime: timestamp('start_time', tz).notNull(),
    durationMs: doublePrecision('duration_ms').notNull(),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    error: boolean('error').notNull().default(false),
    errorType: text('error_type'),
  },
  (t) => [
    index('telemetry_spans_org_time_idx').on(t.orgId, t.startTime),
    index('telemetry_spans_org_system_idx').on(t.orgId, t.systemId, t.startTime),
  ],
);

/**
 * Per-minute rollups per subject: a registered system (subject = its id) or an unregistered service
 * (subject = "service:<service.name>"). Latency is kept as a fixed log-bucket histogram so minutes merge exactly.
 */
export const telemetryRollups = pgTable(
  'telemetry_rollups',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    systemId: uuid('system_id'),
    serviceName: text('service_name').notNull(),
    minute: timestamp('minute', tz).notNull(),
    requests: integer('requests').notNull(),
    errors: integer('errors').notNull(),
    latencySumMs: doublePrecision('latency_sum_ms').notNull(),
    /** counts per latency bucket (bucket bounds are fixed in code) */
    latencyBuckets: jsonb('latency_buckets').notNull(),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull(),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull(),
    /** { model: requests } */
    models: jsonb('models').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.subject, t.minute] }), index('telemetry_rollups_org_minute_idx').on(t.orgId, t.minute)],
);

/** Points of OTLP metrics (GenAI client metrics and others), summed per minute, subject and metric. */
export const telemetryMetricRollups = pgTable(
  'telemetry_metric_rollups',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    systemId: uuid('system_id'),
    serviceName: text('service_name').notNull(),
    metric: text('metric').notNull(),
    /** e.g. the token type of gen_ai.client.token.usage, or '' */
    series: text('series').notNull().default(''),
    minute: timestamp('minute', tz).notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    sum: doublePrecision('sum').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.subject, t.metric, t.series, t.minute] })],
);

/** AI seen in telemetry that the inventory does not know: an unknown service, or a model a system has not declared. */
export const telemetryUnregistered = pgTable(
  'telemetry_unregistered',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    serviceName: text('service_name').notNull(),
    /** '' when the span named no model */
    model: text('model').notNull().default(''),
    genAiSystem: text('gen_ai_system'),
    /** set when the service is a registered system but the model is not one it declared */
    systemId: uuid('system_id'),
    reason: text('reason').notNull(),
    firstSeen: timestamp('first_seen', tz).notNull(),
    lastSeen: timestamp('last_seen', tz).notNull(),
    spans: bigint('spans', { mode: 'number' }).notNull(),
    /** open, registered, ignored */
    status: text('status').notNull().default('open'),
    resolvedSystemId: uuid('resolved_system_id'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.serviceName, t.model] })],
);

/* ---------- Alerts, notifications and the job queue ---------- */

export const alertRules = pgTable(
  'alert_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** null: every live system */
    systemId: uuid('system_id').references(() => aiSystems.id),
    name: text('name').notNull(),
    /** error_rate, latency_p95, latency_p99, token_spend, drift_score, fairness_metric */
    metric: text('metric').notNull(),
    /** for fairness_metric: which figure of the latest run (e.g. demographicParity.ratio) */
    metricKey: text('metric_key'),
    comparator: text('comparator').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    windowMinutes: integer('window_minutes').notNull(),
    cooldownMinutes: integer('cooldown_minutes').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    lastEvaluatedAt: timestamp('last_evaluated_at', tz),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [index('alert_rules_org_idx').on(t.orgId)],
);

export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id),
    systemId: uuid('system_id').references(() => aiSystems.id),
    metric: text('metric').notNull(),
    value: doublePrecision('value').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    /** what the rule saw: window, figures, run ids */
    evidence: jsonb('evidence').notNull(),
    /** the evidence item recording this alert */
    evidenceId: uuid('evidence_id').references(() => evidenceItems.id),
    /** open, acknowledged, resolved */
    status: text('status').notNull(),
    firedAt: createdAt(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', tz),
    resolvedAt: timestamp('resolved_at', tz),
  },
  (t) => [index('alerts_org_fired_idx').on(t.orgId, t.firedAt), index('alerts_rule_idx').on(t.ruleId, t.firedAt)],
);

/** In-app notifications for one member of an organisation. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    alertId: uuid('alert_id').references(() => alerts.id),
    createdAt: createdAt(),
    readAt: timestamp('read_at', tz),
  },
  (t) => [index('notifications_user_idx').on(t.orgId, t.userId, t.createdAt)],
);

/** The job queue: claimed with FOR UPDATE SKIP LOCKED, so several workers never run one job twice. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    payload: jsonb('payload').notNull(),
    /** queued, running, done, failed */
    status: text('status').notNull(),
    runAt: timestamp('run_at', tz).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lockedAt: timestamp('locked_at', tz),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', tz),
  },
  (t) => [index('jobs_due_idx').on(t.status, t.runAt)],
);

/* ---------- Third-party AI governance: due diligence, contracts, attestations, AI features, residency ---------- */

/** Where the organisation allows personal data to be processed (region codes as on systems and vendors). */
export const residencyPolicies = pgTable('residency_policies', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  allowedRegions: text('allowed_regions')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** the data categories the rule applies to; empty: any personal data */
  dataCategories: text('data_categories')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  note: text('note'),
  version: integer('version').notNull().default(1),
  updatedAt: updatedAt(),
});

/**
 * One due-diligence questionnaire sent to (or filled in for) a vendor. The vendor answers through a tokenised link
 * without an account: only the token's SHA-256 is stored; the link works until it expires or is submitted once.
 */
export const vendorAssessments = pgTable(
  'vendor_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
    templateId: text('template_id').notNull(),
    templateVersion: text('template_version').notNull(),
    language: text('language').notNull(),
    /** draft, sent, submitted, reviewed, expired */
    status: text('status').notNull(),
    answers: jsonb('answers').notNull(),
    score: doublePrecision('score'),
    tier: text('tier'),
    linkTokenHash: text('link_token_hash').unique(),
    linkExpiresAt: timestamp('link_expires_at', tz),
    linkUsedAt: timestamp('link_used_at', tz),
    recipientEmail: text('recipient_email'),
    sentBy: text('sent_by'),
    submittedAt: timestamp('submitted_at', tz),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', tz),
    nextAssessmentDate: date('next_assessment_date', { mode: 'string' }),
    evidenceId: uuid('evidence_id').references(() => evidenceItems.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('vendor_assessments_org_vendor_idx').on(t.orgId, t.vendorId, t.createdAt)],
);

export const vendorContracts = pgTable(
  'vendor_contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
    title: text('title').notNull(),
    reference: text('reference'),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    evidenceId: uuid('evidence_id').references(() => evidenceItems.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [index('vendor_contracts_org_vendor_idx').on(t.orgId, t.vendorId)],
);

/** Each AI clause of the organisation's checklist on one contract: present, missing or under negotiation. */
export const contractClauses = pgTable(
  'contract_clauses',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => vendorContracts.id, { onDelete: 'cascade' }),
    clauseKey: text('clause_key').notNull(),
    status: text('status').notNull(),
    note: text('note'),
    evidenceId: uuid('evidence_id').references(() => evidenceItems.id),
    /** the remediation action raised for a missing clause */
    actionId: uuid('action_id').references(() => remediationActions.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.clauseKey] }), index('contract_clauses_org_idx').on(t.orgId, t.status)],
);

/** The organisation's contract clause checklist: the built-in clauses it keeps plus its own. */
export const contractClauseTemplates = pgTable(
  'contract_clause_templates',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    clauseKey: text('clause_key').notNull(),
    title: jsonb('title').notNull(),
    description: jsonb('description'),
    builtIn: boolean('built_in').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.clauseKey] })],
);

/** ISO/IEC 42001, ISO/IEC 27001, SOC 2 and other attestations a vendor holds. */
export const vendorAttestations = pgTable(
  'vendor_attestations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
    kind: text('kind').notNull(),
    issuer: text('issuer').notNull(),
    scope: text('scope'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    evidenceId: uuid('evidence_id').references(() => evidenceItems.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [
    index('vendor_attestations_org_vendor_idx').on(t.orgId, t.vendorId),
    index('vendor_attestations_org_expiry_idx').on(t.orgId, t.validTo),
  ],
);

/** An AI feature inside a vendor's product: switched on or not, by whom, and the inventory system it is. */
export const vendorAiFeatures = pgTable(
  'vendor_ai_features',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
    product: text('product').notNull(),
    feature: text('feature').notNull(),
    enabled: boolean('enabled').notNull(),
    enabledBy: text('enabled_by'),
    enabledOn: date('enabled_on', { mode: 'string' }),
    systemId: uuid('system_id').references(() => aiSystems.id),
    catalogId: text('catalog_id'),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', tz),
  },
  (t) => [index('vendor_ai_features_org_vendor_idx').on(t.orgId, t.vendorId)],
);

/* ---------- Shadow-AI discovery ---------- */

/** The organisation's own AI service catalogue entries, merged over the bundled catalogue. */
export const aiServiceEntries = pgTable(
  'ai_service_entries',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    catalogId: text('catalog_id').notNull(),
    entry: jsonb('entry').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.catalogId] })],
);

/** One uploaded log or export scanned for AI services, with its progress and counts. */
export const discoveryRuns = pgTable(
  'discovery_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    format: text('format').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256'),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** running, done, failed */
    status: text('status').notNull(),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    linesRead: bigint('lines_read', { mode: 'number' }).notNull().default(0),
    linesRejected: bigint('lines_rejected', { mode: 'number' }).notNull().default(0),
    rejectSamples: jsonb('reject_samples').notNull(),
    findings: integer('findings').notNull().default(0),
    error: text('error'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', tz),
  },
  (t) => [index('discovery_runs_org_idx').on(t.orgId, t.createdAt)],
);

/** A discovered AI service, accumulated over every run, with the organisation's decision about it. */
export const discoveryFindings = pgTable(
  'discovery_findings',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    catalogId: text('catalog_id').notNull(),
    matchedOn: text('matched_on').notNull(),
    firstSeen: timestamp('first_seen', tz),
    lastSeen: timestamp('last_seen', tz),
    requests: bigint('requests', { mode: 'number' }).notNull(),
    /** distinct pseudonymised users across every run (see discovery_finding_users) */
    users: integer('users').notNull(),
    systemId: uuid('system_id').references(() => aiSystems.id),
    /** unreviewed, sanctioned, tolerated, blocked, ignored */
    decision: text('decision').notNull(),
    reason: text('reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', tz),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.catalogId] })],
);

/** Pseudonymised users (keyed HMAC) per finding, so distinct counts stay exact across runs without names. */
export const discoveryFindingUsers = pgTable(
  'discovery_finding_users',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    catalogId: text('catalog_id').notNull(),
    userHash: text('user_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.catalogId, t.userHash] })],
);
