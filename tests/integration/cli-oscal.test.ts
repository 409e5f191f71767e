import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessment } from '../../src/modules/assessments/service.js';
import { loadFrameworkPacks } from '../../src/modules/frameworks/catalog.js';
import { FrameworkCatalog } from '../../src/modules/frameworks/service.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem } from '../support/factories.js';
import { oscalProblems, oscalSchemasAbsent, SKIP_MESSAGE } from '../support/oscal.js';
import { createSystem } from '../../src/modules/systems/service.js';
import { describeRun, emptyStore, runCli, type Store } from './cli.js';

/** `aims export oscal …` beside the register export `aims export <entity> …`, run as real processes. */
const CLI_TIMEOUT = 150_000;

describe.each(engines)('aims export oscal on %s', (engine) => {
  let store: Store;
  let assessmentId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-oscal-cli-'));
  const out = (name: string) => path.join(dir, name);
  const aims = (args: string[]) => runCli(store.target, args, { timeoutMs: 90_000 });

  beforeAll(async () => {
    store = await emptyStore(engine);
    const d = await store.open();
    try {
      const org = await buildOrg(d.db, 'cli-oscal');
      await createSystem(org.ctx, buildSystem({ name: 'Service desk bot' }));
      const catalog = new FrameworkCatalog(loadFrameworkPacks());
      assessmentId = (await createAssessment(org.ctx, catalog, { framework: 'nist-ai-rmf-1.0', title: 'RMF check' })).id;
    } finally {
      await d.close();
    }
  }, CLI_TIMEOUT);
  afterAll(async () => {
    await store?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'writes OSCAL files for each kind, and leaves the register export as it was',
    async () => {
      const catalog = await aims([
        'export',
        'oscal',
        '--org',
        'cli-oscal',
        '--kind',
        'catalog',
        '--framework',
        'nist-ai-rmf-1.0',
        '--out',
        out('c.json'),
      ]);
      expect(catalog.code, describeRun(catalog)).toBe(0);
      const results = await aims([
        'export',
        'oscal',
        '--org',
        'cli-oscal',
        '--kind',
        'assessment-results',
        '--framework',
        'nist-ai-rmf-1.0',
        '--assessment',
        assessmentId,
        '--out',
        out('ar.json'),
      ]);
      expect(results.code, describeRun(results)).toBe(0);
      const poam = await aims([
        'export',
        'oscal',
        '--org',
        'cli-oscal',
        '--kind',
        'poam',
        '--framework',
        'nist-ai-rmf-1.0',
        '--out',
        out('p.json'),
      ]);
      expect(poam.code, describeRun(poam)).toBe(0);
      const read = (name: string) => JSON.parse(fs.readFileSync(out(name), 'utf8')) as Record<string, { metadata: { title: string } }>;
      expect(read('c.json').catalog?.metadata.title).toBe('NIST AI Risk Management Framework 1.0');
      expect(read('ar.json')['assessment-results']?.metadata.title).toBe('RMF check');
      expect(Object.keys(read('p.json'))).toEqual(['plan-of-action-and-milestones']);
      if (oscalSchemasAbsent) console.warn(SKIP_MESSAGE);
      else {
        expect(oscalProblems('catalog', read('c.json'))).toEqual([]);
        expect(oscalProblems('assessment-results', read('ar.json'))).toEqual([]);
        expect(oscalProblems('plan-of-action-and-milestones', read('p.json'))).toEqual([]);
      }

      // `aims export <entity>` is unchanged by its new subcommand
      const register = await aims(['export', 'systems', '--org', 'cli-oscal', '--out', out('systems.csv')]);
      expect(register.code, describeRun(register)).toBe(0);
      expect(fs.readFileSync(out('systems.csv'), 'utf8')).toContain('Service desk bot');
    },
    CLI_TIMEOUT,
  );

  it(
    'explains what is missing or wrong, and writes nothing',
    async () => {
      const cases: [string[], RegExp][] = [
        [['--kind', 'assessment-results', '--framework', 'nist-ai-rmf-1.0'], /--assessment must be the id of an assessment/],
        [['--kind', 'catalog'], /--framework is required for a catalog/],
        [['--kind', 'soa', '--framework', 'x'], /--kind must be one of catalog, assessment-results, poam/],
        [['--kind', 'catalog', '--framework', 'no-such-framework'], /Framework not found/],
        [
          ['--kind', 'assessment-results', '--framework', 'iso-iec-42001-2023', '--assessment', assessmentId],
          /assesses nist-ai-rmf-1.0, not iso-iec-42001-2023/,
        ],
      ];
      for (const [args, message] of cases) {
        const r = await aims(['export', 'oscal', '--org', 'cli-oscal', '--out', out('never.json'), ...args]);
        expect(r.code, describeRun(r)).not.toBe(0);
        expect(r.stderr).toMatch(message);
      }
      const noOut = await aims(['export', 'oscal', '--org', 'cli-oscal', '--kind', 'catalog', '--framework', 'nist-ai-rmf-1.0']);
      expect(noOut.stderr).toMatch(/required option '--out <file>' not specified/);
      expect(fs.existsSync(out('never.json'))).toBe(false);
    },
    CLI_TIMEOUT,
  );
});
