import { z } from 'zod';
import '../../lib/zod-messages.js';
import { bilingual } from '../frameworks/schema.js';

/** The contract of a due-diligence questionnaire (catalogs/questionnaires/*.json); no I/O, shared with the web app. */
export const questionTypes = ['single', 'multi', 'regions'] as const;
export type QuestionType = (typeof questionTypes)[number];
export const assessmentLanguages = ['en', 'zh-HK'] as const;
export type AssessmentLanguage = (typeof assessmentLanguages)[number];

const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Use letters, digits, "_" or "-"');

export const questionOption = z.object({ id, label: bilingual, risk: z.number().min(0).max(1) }).strict();

export const questionTemplate = z
  .object({
    id,
    topic: id,
    type: z.enum(questionTypes),
    /** 0: asked but not scored (e.g. the regions, used by the residency check) */
    weight: z.number().min(0).max(10),
    text: bilingual,
    help: bilingual.optional(),
    evidenceRequested: bilingual.optional(),
    options: z.array(questionOption).default([]),
    /** choosing one of these options makes the vendor at least `minimumTier`, whatever the score */
    knockout: z
      .object({ options: z.array(id).min(1), minimumTier: id })
      .strict()
      .optional(),
  })
  .strict();
export type QuestionTemplate = z.infer<typeof questionTemplate>;

export const scoringTier = z
  .object({ tier: id, minScore: z.number().min(0).max(100), reassessMonths: z.number().int().min(1).max(60) })
  .strict();

export const questionnaireTemplate = z
  .object({
    id,
    version: z.string().min(1).max(40),
    title: bilingual,
    intro: bilingual,
    topics: z.array(z.object({ id, title: bilingual }).strict()).min(1),
    scoring: z
      .object({
        /** the risk counted for a scored question left unanswered */
        unansweredRisk: z.number().min(0).max(1),
        /** best first: the first tier whose minScore the score reaches */
        tiers: z.array(scoringTier).min(1),
      })
      .strict(),
    questions: z.array(questionTemplate).min(1),
  })
  .strict();
export type QuestionnaireTemplate = z.infer<typeof questionnaireTemplate>;

/** Checks a schema cannot express; an empty list means the template is usable. */
export function templateProblems(t: QuestionnaireTemplate): string[] {
  const problems: string[] = [];
  const topics = new Set(t.topics.map((x) => x.id));
  const tiers = t.scoring.tiers.map((x) => x.tier);
  if (new Set(tiers).size !== tiers.length) problems.push('a scoring tier appears twice');
  t.scoring.tiers.forEach((tier, i) => {
    const next = t.scoring.tiers[i + 1];
    if (next && next.minScore >= tier.minScore) problems.push(`tier ${next.tier} must have a lower minScore than ${tier.tier}`);
  });
  if (t.scoring.tiers.at(-1)?.minScore !== 0) problems.push('the last tier must start at score 0');
  const seen = new Set<string>();
  for (const q of t.questions) {
    if (seen.has(q.id)) problems.push(`question ${q.id} appears twice`);
    seen.add(q.id);
    if (!topics.has(q.topic)) problems.push(`question ${q.id} names an unknown topic ${q.topic}`);
    const options = new Set(q.options.map((o) => o.id));
    if (options.size !== q.options.length) problems.push(`question ${q.id} has an option twice`);
    if (q.type === 'regions' ? q.options.length > 0 : q.options.length < 2) {
      problems.push(
        q.type === 'regions'
          ? `question ${q.id} lists regions itself; they come from the region codes`
          : `question ${q.id} needs at least two options`,
      );
    }
    if (q.knockout) {
      for (const o of q.knockout.options) if (!options.has(o)) problems.push(`question ${q.id} knocks out on an unknown option ${o}`);
      if (!tiers.includes(q.knockout.minimumTier)) problems.push(`question ${q.id} names an unknown tier ${q.knockout.minimumTier}`);
    }
  }
  return problems;
}
