import fs from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadFrameworkPacks } from '../../modules/frameworks/catalog.js';
import { FrameworkCatalog } from '../../modules/frameworks/service.js';
import { oscalKinds } from '../../modules/oscal/schema.js';
import { exportAssessmentResults, exportCatalog, exportPoam } from '../../modules/oscal/service.js';
import { AppError } from '../../server/errors.js';
import { cliContext, withDatabase } from '../support.js';

const options = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('catalog'), framework: z.string({ message: '--framework is required for a catalog' }).min(1) }),
  z.object({
    kind: z.literal('assessment-results'),
    assessment: z.uuid({ message: '--assessment must be the id of an assessment' }),
    framework: z.string().optional(),
  }),
  z.object({ kind: z.literal('poam'), framework: z.string().min(1).optional() }),
]);

/**
 * `aims export oscal`: a subcommand of the register export (`aims export <entity>`). Commander 14 dispatches to a
 * subcommand when the first operand names it and runs the parent's action otherwise, so `aims export systems …` is
 * unchanged. The parent parses its own options before dispatching, wherever they stand on the line, so `--org` and
 * `--out` always land on `export` (which declares them) and are read here through `optsWithGlobals()`; declaring
 * them again on the subcommand would leave them empty.
 */
export function registerOscalCommands(program: Command): void {
  const exportCommand = program.commands.find((c) => c.name() === 'export');
  if (!exportCommand) throw new Error('register the export command before its oscal subcommand');
  exportCommand
    .command('oscal')
    .description('Export OSCAL 1.1.3 JSON: a framework catalog, an assessment as assessment-results, or remediation actions as a POA&M')
    .requiredOption('--kind <kind>', `${oscalKinds.join(', ')}`)
    .option('--framework <id>', 'framework id (required for catalog; limits a poam)')
    .option('--assessment <id>', 'assessment id (for assessment-results)')
    .addHelpText('after', '\nAlso required, as for every export: --org <slug> (organisation) and --out <file> (file to write).')
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ org?: string; out?: string; kind: string; framework?: string; assessment?: string }>();
      for (const name of ['org', 'out'] as const) {
        if (!opts[name])
          cmd.error(`error: required option '--${name} <${name === 'org' ? 'slug' : 'file'}>' not specified`, { exitCode: 2 });
      }
      const { org, out } = opts as { org: string; out: string };
      const kind = z.enum(oscalKinds, { message: `--kind must be one of ${oscalKinds.join(', ')}` }).parse(opts.kind);
      const args = options.parse({ ...opts, kind });
      const catalog = new FrameworkCatalog(loadFrameworkPacks());
      const file = await withDatabase(cmd.optsWithGlobals(), async (d) => {
        const ctx = await cliContext(d, org);
        if (args.kind === 'catalog') return exportCatalog(ctx, catalog, args.framework);
        if (args.kind === 'poam') return exportPoam(ctx, catalog, args.framework);
        const results = await exportAssessmentResults(ctx, catalog, args.assessment);
        const framework = results.document['assessment-results'].metadata.props?.find((p) => p.name === 'framework-id')?.value;
        if (args.framework && framework !== args.framework) {
          throw new AppError(
            'unprocessable',
            `Assessment ${args.assessment} assesses ${framework ?? 'another framework'}, not ${args.framework}`,
          );
        }
        return results;
      });
      const body = `${JSON.stringify(file.document, null, 2)}\n`;
      fs.writeFileSync(out, body);
      console.error(`Wrote ${out} (${Buffer.byteLength(body)} bytes)`);
    });
}
