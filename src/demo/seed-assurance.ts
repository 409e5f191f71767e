import { Readable } from 'node:stream';
import type { OrgContext } from '../server/context.js';
import { uploadDataset } from '../modules/assurance/datasets-service.js';
import type { AssuranceEnv } from '../modules/assurance/env.js';
import { createRun } from '../modules/assurance/runs-service.js';

/**
 * A small, made-up screening log of CV screening (TalentSift) — 240 applicants with sex, marital status, race, the
 * hiring outcome and whether the tool shortlisted them — and one fairness test of it with the Hong Kong profile.
 * Deterministic, so the demo shows the same figures every time.
 */
export function demoScreeningCsv(rows = 240): string {
  let s = 20260;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const marital = ['single', 'married', 'divorced'];
  const races = ['Chinese', 'South Asian', 'Filipino', 'White'];
  const lines = ['applicant_id,sex,marital_status,race,years_experience,hired,shortlisted'];
  for (let i = 0; i < rows; i++) {
    const sex = i % 2 ? 'M' : 'F';
    const race = races[Math.floor(next() * (next() < 0.6 ? 1 : races.length))]!;
    const hired = next() < 0.3 ? 'yes' : 'no';
    const lean = (sex === 'M' ? 0.08 : -0.04) + (race === 'Chinese' ? 0.04 : -0.06);
    const shortlisted = next() < (hired === 'yes' ? 0.75 : 0.18) + lean ? 'yes' : 'no';
    lines.push(`HP-${2000 + i},${sex},${marital[Math.floor(next() * 3)]!},${race},${Math.floor(next() * 20)},${hired},${shortlisted}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function seedDemoAssurance(ctx: OrgContext, env: AssuranceEnv, systemIds: Map<string, string>): Promise<void> {
  const cv = systemIds.get('CV screening (TalentSift)');
  if (!cv) throw new Error('the demo has no CV screening system');
  const dataset = await uploadDataset(ctx, env, cv, {
    fileName: 'talentsift-screening-2026-q3.csv',
    name: 'TalentSift screening log, 2026 Q3',
    content: Readable.from([Buffer.from(demoScreeningCsv())]),
    truncated: () => false,
  });
  await createRun(ctx, env, cv, {
    kind: 'fairness',
    datasetId: dataset.id,
    label: 'hired',
    labelPositive: ['yes'],
    prediction: 'shortlisted',
    predictionPositive: ['yes'],
    groups: ['sex'],
    bootstrap: { samples: 200, seed: 42, confidence: 0.95 },
  });
}
