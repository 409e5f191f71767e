import { z } from 'zod';
import '../../lib/zod-messages.js';

/**
 * Contracts of technical assurance: data sets uploaded to a system, threshold profiles (policy choices), and fairness
 * tests and drift checks stored as immutable runs. Shared with the web app: no node imports here.
 */

export const assuranceLimits = { name: 200, rationale: 8000, column: 200, values: 50, columns: 200, attributes: 30 } as const;
/** The largest data set accepted, streamed to disk (the multipart limit of the upload route is the same). */
export const DATASET_MAX_BYTES = 200 * 1024 * 1024;
export const datasetFormats = ['csv', 'parquet'] as const;
export type DatasetFormat = (typeof datasetFormats)[number];

/* ---------- data sets ---------- */

export const columnProfile = z.object({
  name: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  distinct: z.number(),
  distinctCapped: z.boolean(),
  empty: z.number(),
  sample: z.array(z.string()),
});
export type ColumnProfileView = z.infer<typeof columnProfile>;

export const datasetView = z.object({
  id: z.uuid(),
  systemId: z.uuid(),
  name: z.string(),
  fileName: z.string(),
  format: z.enum(datasetFormats),
  sha256: z.string(),
  size: z.number(),
  rowCount: z.number(),
  columns: z.array(columnProfile),
  uploadedBy: z.string(),
  createdAt: z.string(),
  archivedAt: z.string().nullable(),
});
export type DatasetView = z.infer<typeof datasetView>;

export const datasetList = z.object({ items: z.array(datasetView) });
export type DatasetList = z.infer<typeof datasetList>;

export const datasetListQuery = z.object({ archived: z.enum(['exclude', 'include', 'only']).default('exclude') });
export type DatasetListQuery = z.infer<typeof datasetListQuery>;

export const datasetName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(assuranceLimits.name, `At most ${assuranceLimits.name} characters`);

/* ---------- threshold profiles ---------- */

/**
 * Metrics a profile can bound. The aggregates are Fairlearn's (between groups); `disparateImpact`,
 * `statisticalParityDifference` and `averageOddsDifference` are per group: AIF360's comparison with the reference
 * group, or — without a reference group — each group's selection rate against the highest one (the four-fifths rule).
 */
export const fairnessMetricKeys = [
  'demographicParityRatio',
  'demographicParityDifference',
  'equalizedOddsRatio',
  'equalizedOddsDifference',
  'equalOpportunityRatio',
  'equalOpportunityDifference',
  'disparateImpact',
  'statisticalParityDifference',
  'averageOddsDifference',
] as const;
export type FairnessMetricKey = (typeof fairnessMetricKeys)[number];
/** Metrics that are ratios (1 is parity); the run's score is the worst of these that were checked. */
export const ratioMetrics: ReadonlySet<FairnessMetricKey> = new Set([
  'demographicParityRatio',
  'equalizedOddsRatio',
  'equalOpportunityRatio',
  'disparateImpact',
]);
export const perGroupMetrics: ReadonlySet<FairnessMetricKey> = new Set([
  'disparateImpact',
  'statisticalParityDifference',
  'averageOddsDifference',
]);

const bound = z
  .object({
    min: z.number().finite().min(-1000).max(1000).optional(),
    max: z.number().finite().min(-1000).max(1000).optional(),
  })
  .strict()
  .refine((b) => b.min !== undefined || b.max !== undefined, 'Give a minimum, a maximum or both')
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, 'The minimum is above the maximum');

export const thresholdsSchema = z
  .object({
    metrics: z.partialRecord(z.enum(fairnessMetricKeys), bound),
    minGroupSize: z.number().int().min(0).max(1_000_000),
  })
  .strict()
  .refine((t) => Object.keys(t.metrics).length > 0, { message: 'Bound at least one metric', path: ['metrics'] });
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** Attribute concepts a profile may pre-select; matched to column names with synonyms (see column-match.ts). */
export const sensitiveAttributeSchema = z.string().trim().min(1).max(60);

const profileFields = {
  name: z.string().trim().min(1, 'Name is required').max(assuranceLimits.name),
  rationale: z.string().trim().min(1, 'Say why these thresholds are the policy').max(assuranceLimits.rationale),
  sensitiveAttributes: z
    .array(sensitiveAttributeSchema)
    .max(assuranceLimits.attributes)
    .transform((a) => [...new Set(a)]),
  thresholds: thresholdsSchema,
};

export const createProfileInput = z.object(profileFields).strict();
export type CreateProfileInput = z.input<typeof createProfileInput>;

export const updateProfileInput = z.object(profileFields).partial().extend({ version: z.number().int().positive().optional() }).strict();
export type UpdateProfileInput = z.input<typeof updateProfileInput>;

export const copyProfileInput = z.object({ name: profileFields.name.optional() }).strict();
export type CopyProfileInput = z.input<typeof copyProfileInput>;

export const profileView = z.object({
  id: z.uuid(),
  builtInKey: z.string().nullable(),
  name: z.string(),
  rationale: z.string(),
  sensitiveAttributes: z.array(z.string()),
  thresholds: z.object({
    metrics: z.record(z.string(), z.object({ min: z.number().optional(), max: z.number().optional() })),
    minGroupSize: z.number(),
  }),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  can: z.object({ update: z.boolean() }),
});
export type ProfileView = z.infer<typeof profileView>;

export const profileList = z.object({ items: z.array(profileView) });
export type ProfileList = z.infer<typeof profileList>;
export const profileListQuery = z.object({ archived: z.enum(['exclude', 'include']).default('exclude') });

/** without a profile: the Hong Kong built-in */
export const columnSuggestionQuery = z.object({ profileId: z.uuid('Not a valid id').optional() });
export const columnSuggestion = z.object({
  profileId: z.uuid(),
  /** the data set's columns that match the profile's attributes, in column order */
  groups: z.array(z.object({ column: z.string(), attribute: z.string() })),
  /** attributes of the profile that no column matched */
  unmatched: z.array(z.string()),
});
export type ColumnSuggestion = z.infer<typeof columnSuggestion>;

/* ---------- runs ---------- */

const column = z.string().trim().min(1, 'Name the column').max(assuranceLimits.column);
const values = z
  .array(z.string().trim().min(1, 'Empty values are not allowed').max(assuranceLimits.column))
  .min(1, 'Give at least one value')
  .max(assuranceLimits.values);

export const fairnessRunInput = z
  .object({
    kind: z.literal('fairness'),
    datasetId: z.uuid('Not a valid id'),
    label: column,
    labelPositive: values,
    prediction: column,
    predictionPositive: values,
    groups: z.array(column).min(1, 'Choose at least one sensitive column').max(10),
    groupsFilter: values.optional(),
    referenceGroup: z
      .string()
      .trim()
      .min(1)
      .max(assuranceLimits.column * 4)
      .optional(),
    profileId: z.uuid('Not a valid id').optional(),
    /** groups smaller than this are flagged (default: the profile's, else 30) */
    minGroupSize: z.number().int().min(0).max(1_000_000).optional(),
    bootstrap: z
      .object({
        samples: z.number().int().min(10).max(2000).default(200),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1)
          .default(42),
        // a refinement rather than bounds: a fraction, e.g. 0.95
        confidence: z
          .number()
          .refine((v) => v > 0.5 && v < 1, 'The confidence level is a fraction between 0.5 and 1, e.g. 0.95')
          .default(0.95),
      })
      .strict()
      .optional(),
  })
  .strict();

export const driftRunInput = z
  .object({
    kind: z.literal('drift'),
    referenceDatasetId: z.uuid('Not a valid id'),
    datasetId: z.uuid('Not a valid id'),
    columns: z.array(column).max(assuranceLimits.columns).optional(),
    categorical: z.array(column).max(assuranceLimits.columns).optional(),
    mode: z.enum(['default', 'evidently']).default('default'),
    jsBase: z.enum(['2', 'e']).default('2'),
  })
  .strict();

export const createRunInput = z.discriminatedUnion('kind', [fairnessRunInput, driftRunInput]);
export type CreateRunInput = z.input<typeof createRunInput>;
export type FairnessRunParams = z.output<typeof fairnessRunInput>;
export type DriftRunParams = z.output<typeof driftRunInput>;

export const runKinds = ['fairness', 'drift'] as const;
export type RunKind = (typeof runKinds)[number];

const rate = z.number().nullable();
export const groupFigures = z.object({
  count: z.number(),
  selectionRate: rate,
  tpr: rate,
  fpr: rate,
  fnr: rate,
  tnr: rate,
  ppv: rate,
  npv: rate,
  accuracy: rate,
});
export type GroupFiguresView = z.infer<typeof groupFigures>;
const differenceRatio = z.object({ difference: rate, ratio: rate });

/** Exactly `aims fairness --json`. */
export const fairnessReportSchema = z.object({
  rows: z.number(),
  excludedRows: z.number(),
  groups: z.record(z.string(), groupFigures),
  overall: groupFigures,
  demographicParity: differenceRatio,
  equalizedOdds: differenceRatio,
  equalOpportunity: differenceRatio,
  vsReference: z
    .record(
      z.string(),
      z.object({
        statisticalParityDifference: rate,
        disparateImpact: rate,
        equalOpportunityDifference: rate,
        averageOddsDifference: rate,
      }),
    )
    .optional(),
});
export type FairnessReportView = z.infer<typeof fairnessReportSchema>;

export const interval = z.object({ low: rate, high: rate, undefinedReplicates: z.number() });
export type IntervalView = z.infer<typeof interval>;

export const fairnessCheck = z.object({
  metric: z.enum(fairnessMetricKeys),
  group: z.string().optional(),
  value: rate,
  min: z.number().optional(),
  max: z.number().optional(),
  /** null when the figure is undefined (a zero denominator) or cannot be computed without a reference group */
  pass: z.boolean().nullable(),
  /** the group has fewer rows than the profile's minimum group size */
  small: z.boolean().optional(),
  ci: z.object({ low: rate, high: rate }).optional(),
  note: z.string().optional(),
});
export type FairnessCheck = z.infer<typeof fairnessCheck>;

export const fairnessResults = z.object({
  report: fairnessReportSchema,
  checks: z.array(fairnessCheck),
  smallGroups: z.array(z.object({ group: z.string(), count: z.number() })),
  minGroupSize: z.number(),
  bootstrap: z
    .object({
      scheme: z.string(),
      seed: z.number(),
      replicates: z.number(),
      confidence: z.number(),
      intervals: z.record(z.string(), interval),
    })
    .nullable(),
});
export type FairnessResults = z.infer<typeof fairnessResults>;

const num = z.number().nullable();
export const driftColumn = z.object({
  type: z.enum(['numeric', 'categorical']),
  n: z.object({ reference: z.number(), current: z.number() }),
  ks: z.object({ statistic: z.number(), pValue: z.number(), method: z.string() }).nullable(),
  chiSquare: z.object({ statistic: num, pValue: num, dof: z.number() }),
  psi: num,
  jensenShannon: z.object({ distance: num, base: z.union([z.number(), z.string()]) }),
  wasserstein: z.object({ distance: num, normed: num }).nullable(),
  defaultTest: z.object({ name: z.string(), value: num, threshold: z.number(), drift: z.boolean(), reason: z.string() }),
  excluded: z.object({ reference: z.number(), current: z.number() }),
});
export type DriftColumnView = z.infer<typeof driftColumn>;

/** Exactly `aims drift --json`. */
export const driftReportSchema = z.object({
  columns: z.record(z.string(), driftColumn),
  datasetDrift: z.object({ share: z.number(), drift: z.boolean() }),
});
export const driftResults = z.object({ report: driftReportSchema });
export type DriftResults = z.infer<typeof driftResults>;

export const runSummary = z.object({
  id: z.uuid(),
  systemId: z.uuid(),
  kind: z.enum(runKinds),
  datasetId: z.uuid(),
  datasetName: z.string(),
  referenceDatasetId: z.uuid().nullable(),
  referenceDatasetName: z.string().nullable(),
  profileId: z.uuid().nullable(),
  profileName: z.string().nullable(),
  outcome: z.enum(['pass', 'fail', 'drift', 'no_drift']),
  score: z.number().nullable(),
  evidenceId: z.uuid().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type RunSummary = z.infer<typeof runSummary>;

export const runView = runSummary.extend({
  parameters: z.record(z.string(), z.unknown()),
  inputHashes: z.object({ dataset: z.string(), reference: z.string().optional(), profile: z.string().optional() }),
  libraryVersion: z.string(),
  results: z.union([fairnessResults, driftResults]),
});
export type RunView = z.infer<typeof runView>;

export const runList = z.object({ items: z.array(runSummary) });
export type RunList = z.infer<typeof runList>;
export const runListQuery = z.object({ kind: z.enum(runKinds).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export type RunListQuery = z.infer<typeof runListQuery>;

export const seriesQuery = z.object({ kind: z.enum(runKinds) });
export const runSeries = z.object({
  kind: z.enum(runKinds),
  points: z.array(
    z.object({ runId: z.uuid(), at: z.string(), score: z.number().nullable(), outcome: z.string(), datasetName: z.string() }),
  ),
});
export type RunSeries = z.infer<typeof runSeries>;
