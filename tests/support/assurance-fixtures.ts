import type { App } from '../../src/server/types.js';
import { multipart } from '../integration/route-table.js';

/**
 * A generated hiring data set (no external files): applicant_id, sex, marital_status, race, age, hired (the label),
 * shortlisted (the model's prediction) and score. Shortlisting leans on sex and race so that the groups differ;
 * `shift` moves age and score (a drifted batch).
 */
export function hiringCsv(rows = 400, seed = 7, shift = 0): string {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sexes = ['F', 'M'];
  const marital = ['single', 'married', 'divorced'];
  const races = ['Chinese', 'South Asian', 'White', 'Filipino'];
  const lines = ['applicant_id,sex,marital_status,race,age,hired,shortlisted,score'];
  for (let i = 0; i < rows; i++) {
    const sex = sexes[i % 2]!;
    const race = races[Math.floor(next() * races.length)]!;
    const hired = next() < 0.35 ? 'yes' : 'no';
    const lean = (sex === 'M' ? 0.12 : -0.05) + (race === 'Chinese' ? 0.05 : race === 'Filipino' ? -0.1 : 0);
    const shortlisted = next() < (hired === 'yes' ? 0.7 : 0.2) + lean ? 1 : 0;
    const age = Math.round(22 + next() * 35 + shift * 10);
    const score = (next() * 60 + 40 + shift * 15).toFixed(1);
    lines.push(`A${1000 + i},${sex},${marital[Math.floor(next() * 3)]!},${race},${age},${hired},${shortlisted},${score}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The fairness parameters that fit `hiringCsv`. */
export const hiringFairness = {
  label: 'hired',
  labelPositive: ['yes'],
  prediction: 'shortlisted',
  predictionPositive: ['1'],
  groups: ['sex'],
};

/** Multipart body with a "name" field before the file. */
export function datasetUpload(
  fileName: string,
  content: Buffer | string,
  name?: string,
): { payload: Buffer; headers: Record<string, string> } {
  const file = multipart(fileName, content);
  if (name === undefined) return file;
  const boundary = /boundary=(.*)$/.exec(file.headers['content-type']!)![1]!;
  const field = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n${name}\r\n`);
  return { payload: Buffer.concat([field, file.payload]), headers: file.headers };
}

export interface AssuranceFixtures {
  dataset: string;
  toggleDataset: string;
  profile: string;
  toggleProfile: string;
  run: string;
}

/** Through the API, as `headers`' caller: two data sets of `systemId`, a custom profile, another to archive, a fairness run. */
export async function seedAssuranceFixtures(
  app: App,
  slug: string,
  headers: Record<string, string>,
  label: string,
  systemId: string,
): Promise<AssuranceFixtures> {
  const base = `/api/v1/orgs/${slug}`;
  const upload = async (name: string) => {
    const body = datasetUpload('hiring.csv', hiringCsv(120), name);
    const res = await app.inject({
      method: 'POST',
      url: `${base}/systems/${systemId}/datasets`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
    if (res.statusCode !== 201) throw new Error(`seed dataset: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>().id;
  };
  const call = async (path: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url: `${base}${path}`, headers, payload });
    if (res.statusCode !== 201) throw new Error(`seed POST ${path}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>().id;
  };
  const dataset = await upload(`${label} applicants`);
  const toggleDataset = await upload(`${label} archivable applicants`);
  const thresholds = { metrics: { demographicParityRatio: { min: 0.8 } }, minGroupSize: 20 };
  const profile = await call('/threshold-profiles', {
    name: `${label} policy`,
    rationale: 'Board decision',
    sensitiveAttributes: ['sex'],
    thresholds,
  });
  const toggleProfile = await call('/threshold-profiles', {
    name: `${label} old policy`,
    rationale: 'Superseded',
    sensitiveAttributes: [],
    thresholds,
  });
  const run = await call(`/systems/${systemId}/assurance-runs`, {
    kind: 'fairness',
    datasetId: dataset,
    profileId: profile,
    ...hiringFairness,
  });
  return { dataset, toggleDataset, profile, toggleProfile, run };
}
