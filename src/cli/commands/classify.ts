import fs from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { classifyEuAiAct } from '../../modules/classification/eu-ai-act/classify.js';
import { classifyHongKong } from '../../modules/classification/hong-kong.js';
import { euAiActInput, hongKongInput, type EuAiActResult, type HongKongResult } from '../../modules/classification/schema.js';
import { AppError } from '../../server/errors.js';
import { zodIssues } from '../../server/validate.js';

/**
 * `aims classify eu-ai-act|hong-kong --input FILE.json [--json]`: the classifiers offline, no database. The file
 * holds one input object (→ one result) or an array of them (→ an array of results); `--json` prints the same
 * JSON as the API.
 */
export function registerClassifyCommands(program: Command): void {
  const classify = program.command('classify').description('Risk classification of AI systems (offline, no database)');
  classify
    .command('eu-ai-act')
    .description('Classify AI systems under the EU AI Act: tier, basis, obligations, explanation, dates of application')
    .requiredOption('--input <file>', 'JSON file with one input object or an array of them')
    .option('--json', 'print JSON, exactly as POST /api/v1/classify/eu-ai-act answers')
    .action((opts: { input: string; json?: boolean }) => {
      run(opts, euAiActInput, classifyEuAiAct, printEuAiAct);
    });
  classify
    .command('hong-kong')
    .description('The Hong Kong view: PCPD risk level and oversight, SFC high-risk use, HKMA customer-facing generative AI')
    .requiredOption('--input <file>', 'JSON file with one input object or an array of them')
    .option('--json', 'print JSON, exactly as POST /api/v1/classify/hong-kong answers')
    .action((opts: { input: string; json?: boolean }) => {
      run(opts, hongKongInput, classifyHongKong, printHongKong);
    });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('bad_request', `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AppError('bad_request', `${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function run<S extends z.ZodType, R>(
  opts: { input: string; json?: boolean },
  schema: S,
  classifyOne: (i: z.output<S>) => R,
  print: (r: R) => void,
) {
  const raw = readJson(opts.input);
  // Issues of an array name the item: `2.annexIII.0` is the first Annex III code of the third item.
  const parsed = z.array(schema).safeParse(Array.isArray(raw) ? raw : [raw]);
  if (!parsed.success) {
    // Name the item only when the file holds an array; an unknown key at the top of an object has an empty path.
    const issues = zodIssues(parsed.error).map((i) => ({
      ...i,
      path: (Array.isArray(raw) ? i.path : i.path.replace(/^0\.?/, '')) || '(top level)',
    }));
    throw new AppError('validation_failed', `${opts.input}: some answers are not valid`, { issues });
  }
  const inputs = parsed.data as z.output<S>[];
  const results = inputs.map(classifyOne);
  if (opts.json) {
    console.log(JSON.stringify(Array.isArray(raw) ? results : results[0], null, 2));
    return;
  }
  results.forEach((r, i) => {
    if (Array.isArray(raw)) console.log(`${i ? '\n' : ''}=== item ${i} ===`);
    print(r);
  });
}

const list = (items: string[]): string => (items.length ? items.join(', ') : '—');

function printEuAiAct(r: EuAiActResult): void {
  console.log(`Tier:            ${r.tier}${r.inScope ? '' : ` (if in scope: ${r.indicativeTier}, ${list(r.indicativeBasis)})`}`);
  console.log(`Basis:           ${list(r.basis)}`);
  if (r.highRiskRoute) console.log(`High-risk route: ${r.highRiskRoute === 'annex_i' ? 'Annex I (Art. 6(1))' : 'Annex III (Art. 6(2))'}`);
  if (r.derogationApplied) console.log('Derogation:      Art. 6(3) applied');
  console.log(`Transparency:    ${list(r.transparencyObligations)}`);
  console.log(`GPAI:            ${list(r.gpaiObligations)}`);
  console.log('Obligations:');
  if (!r.obligations.length) console.log('  —');
  for (const o of r.obligations) console.log(`  ${o.article.padEnd(14)} ${o.title} (${o.appliesTo})`);
  console.log('Explanation:');
  r.explanation.forEach((s, i) => console.log(`  ${i + 1}. [${s.article}] ${s.answer}: ${s.text}`));
  console.log('Dates of application:');
  for (const d of r.datesOfApplication) {
    const pending = d.pendingAmendment
      ? `; pending ${d.pendingAmendment.instrument}: ${d.pendingAmendment.appliesFrom} (not confirmed)`
      : '';
    console.log(`  ${d.appliesFrom}  ${d.covers} (${d.source})${pending}`);
  }
  console.log(`Rules:           ${r.rulesVersion}`);
}

function printHongKong(r: HongKongResult): void {
  const reasons = (rs: HongKongResult['pcpd']['reasons']) => {
    for (const x of rs) console.log(`  - ${x.en}\n    ${x['zh-HK']}\n    [${x.source}]`);
  };
  console.log(`PCPD: risk ${r.pcpd.riskLevel}, oversight ${r.pcpd.oversight}`);
  reasons(r.pcpd.reasons);
  console.log(`SFC:  ${r.sfc.applicable ? (r.sfc.highRisk ? 'applicable, high-risk use' : 'applicable') : 'not applicable'}`);
  reasons(r.sfc.reasons);
  console.log(
    `HKMA: ${r.hkma.applicable ? (r.hkma.customerFacingGenAi ? 'applicable, customer-facing generative AI' : 'applicable') : 'not applicable'}`,
  );
  reasons(r.hkma.reasons);
  console.log(`Rules: ${r.rulesVersion}`);
}
