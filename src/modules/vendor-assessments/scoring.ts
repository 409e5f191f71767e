import type { QuestionnaireTemplate } from './questionnaire.js';

/** One answer: an option id (single), option ids (multi) or region codes (regions), with an optional comment. */
export interface Answer {
  value: string | string[];
  comment?: string | null;
}
export type Answers = Record<string, Answer>;

export interface ScoreResult {
  /** 0–100, one decimal; 100 is no risk */
  score: number;
  tier: string;
  /** the tier the score alone gives, before knockouts */
  scoreTier: string;
  /** questions whose answer forced a worse tier */
  knockouts: { questionId: string; minimumTier: string }[];
  unanswered: string[];
}

const chosen = (a: Answer | undefined): string[] => (a === undefined ? [] : Array.isArray(a.value) ? a.value : [a.value]);

/**
 * score = 100 × (1 − Σ w·risk / Σ w) over the scored questions (weight > 0). An unanswered question counts
 * `unansweredRisk`; a multi-choice answer counts its lowest-risk option (one good certificate is enough). The
 * score is rounded to one decimal and the tier is read from the rounded score; a knockout answer then raises the
 * tier to at least its minimum.
 */
export function scoreAssessment(template: QuestionnaireTemplate, answers: Answers): ScoreResult {
  const { unansweredRisk, tiers } = template.scoring;
  let weighted = 0;
  let weights = 0;
  const unanswered: string[] = [];
  const knockouts: ScoreResult['knockouts'] = [];
  for (const q of template.questions) {
    const picked = chosen(answers[q.id]);
    if (q.knockout && picked.some((o) => q.knockout!.options.includes(o)))
      knockouts.push({ questionId: q.id, minimumTier: q.knockout.minimumTier });
    if (q.weight <= 0) continue;
    weights += q.weight;
    const risks = q.type === 'regions' ? (picked.length ? [0] : []) : q.options.filter((o) => picked.includes(o.id)).map((o) => o.risk);
    if (!risks.length) unanswered.push(q.id);
    weighted += q.weight * (risks.length ? Math.min(...risks) : unansweredRisk);
  }
  const raw = weights > 0 ? 100 * (1 - weighted / weights) : 100;
  const score = Math.round(raw * 10) / 10;
  const rank = (tier: string) => tiers.findIndex((t) => t.tier === tier);
  const scoreTier = (tiers.find((t) => score >= t.minScore) ?? tiers[tiers.length - 1]!).tier;
  let tier = scoreTier;
  for (const k of knockouts) if (rank(k.minimumTier) > rank(tier)) tier = k.minimumTier;
  return { score, tier, scoreTier, knockouts, unanswered };
}

/** How many months until the next assessment for a tier. */
export function reassessMonths(template: QuestionnaireTemplate, tier: string): number {
  const found = template.scoring.tiers.find((t) => t.tier === tier) ?? template.scoring.tiers[template.scoring.tiers.length - 1]!;
  return found.reassessMonths;
}
