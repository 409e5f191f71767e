import fs from 'node:fs';
import path from 'node:path';
import { listFindings } from '../../modules/discovery/findings.js';
import { runDiscoveryNow } from '../../modules/discovery/runs.js';
import { runSettings, type DiscoveryRunView, type FindingView } from '../../modules/discovery/schema.js';
import { installationSecret } from '../../modules/discovery/user-key.js';
import { AppError } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { cliContext, configFrom, withDatabase, type DbOptions } from '../support.js';

export interface OrgDiscoverOptions {
  input: string;
  format: string;
  org: string;
  domainColumn?: string;
  urlColumn?: string;
  userColumn?: string;
  timeColumn?: string;
}

/**
 * `aims discover --org`: scans the file into the organisation through the same service as an upload (a run created by
 * "system (cli)"), with the organisation's pseudonym key, and returns the run and the organisation's findings.
 */
export async function discoverIntoOrg(
  opts: OrgDiscoverOptions,
  dbOptions: DbOptions,
): Promise<{ run: DiscoveryRunView; findings: FindingView[] }> {
  const settings = parseOrThrow(runSettings, {
    format: opts.format,
    domainColumn: opts.domainColumn,
    urlColumn: opts.urlColumn,
    userColumn: opts.userColumn,
    timeColumn: opts.timeColumn,
  });
  let size: number;
  try {
    const stat = await fs.promises.stat(opts.input);
    if (!stat.isFile()) throw new AppError('bad_request', `${opts.input} is not a file`);
    size = stat.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('bad_request', `Cannot read ${opts.input}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  // The server keeps the installation secret in its file store (data/evidence); the CLI reads the same one.
  const evidenceDir = path.join(configFrom(dbOptions).dataDir, 'evidence');
  return withDatabase(dbOptions, async (database) => {
    const ctx = await cliContext(database, opts.org);
    const run = await runDiscoveryNow(
      ctx,
      { secret: () => installationSecret(evidenceDir), removeFile: false },
      { filePath: opts.input, fileName: path.basename(opts.input).slice(0, 255), size, sha256: null, settings },
    );
    return { run, findings: (await listFindings(ctx)).items };
  });
}
