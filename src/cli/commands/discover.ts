import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { type Command, Option } from 'commander';
import { loadAiCatalogue } from '../../lib/discovery/catalogue.js';
import { ColumnError, type ColumnOptions } from '../../lib/discovery/importers/columns.js';
import { discover, discoveryFormats, type DiscoveryFormat, type DiscoveryResult } from '../../lib/discovery/scan.js';
import { AppError } from '../../server/errors.js';
import { printTable } from '../output.js';

interface DiscoverOptions {
  input: string;
  format: DiscoveryFormat;
  json?: boolean;
  org?: string;
  domainColumn?: string;
  urlColumn?: string;
  userColumn?: string;
  timeColumn?: string;
  userKey?: string;
}

/**
 * `aims discover`: which AI services a proxy or DNS log, identity-provider export or expense file shows, against the
 * bundled catalogue — offline, no database. The file is streamed; users are pseudonymised (HMAC) and only counted.
 */
export function registerDiscoverCommand(program: Command): void {
  program
    .command('discover')
    .description('Find AI services in a proxy / DNS log, SSO export or expense file (offline; --org stores the findings)')
    .requiredOption('--input <file>', 'the file to scan')
    .addOption(new Option('--format <format>', 'the kind of file').choices(discoveryFormats).makeOptionMandatory())
    .option('--json', 'print JSON for machines')
    .option('--org <slug>', "store the findings in this organisation (as a discovery run, with the organisation's pseudonym key)")
    .option('--domain-column <name>', 'csv / jsonl: the column (key) holding a domain or host name')
    .option('--url-column <name>', 'csv / jsonl: the column (key) holding a URL')
    .option('--user-column <name>', 'csv / jsonl: the column (key) naming the user')
    .option('--time-column <name>', 'csv / jsonl: the column (key) holding the time')
    .option('--user-key <key>', 'key that pseudonymises users (env AIMS_DISCOVERY_USER_KEY; default: random, so runs cannot be linked)')
    .action(async (opts: DiscoverOptions, cmd: Command) => {
      if (opts.org !== undefined) return storeInOrg({ ...opts, org: opts.org }, cmd);
      const result = await runDiscover(opts);
      if (opts.json) {
        console.log(JSON.stringify(jsonReport(result), null, 2));
        if (result.linesRejected > 0) printRejects(result, console.error);
      } else printHuman(result);
    });
}

/** --org: loads the database side only when asked, so the offline command stays light. */
async function storeInOrg(opts: DiscoverOptions & { org: string }, cmd: Command): Promise<void> {
  if (opts.userKey !== undefined)
    throw new AppError('bad_request', "--user-key cannot be used with --org: the organisation's own key is used");
  const { discoverIntoOrg } = await import('./discover-org.js');
  const { run, findings } = await discoverIntoOrg(opts, cmd.optsWithGlobals());
  if (opts.json) console.log(JSON.stringify({ run, findings }, null, 2));
  else {
    console.log(
      `Run ${run.id} in ${opts.org}: ${run.status}; ${run.linesRead} line(s) read, ${run.linesRejected} rejected; ${run.findings} AI service(s) found`,
    );
    for (const s of run.rejectSamples) console.log(`  line ${s.line}: ${s.reason}`);
    if (findings.length) {
      console.log('');
      printTable(
        findings.map((f) => ({
          service: f.product ? `${f.product} (${f.provider})` : f.catalogId,
          requests: f.requests,
          users: f.users,
          registered: f.system ? f.system.name : 'unregistered',
          decision: f.decision,
        })),
        ['service', 'requests', 'users', 'registered', 'decision'],
      );
    }
  }
  if (run.status !== 'done') {
    console.error(`error: ${run.error ?? 'the scan failed'}`);
    process.exitCode = 1;
  }
}

export async function runDiscover(opts: DiscoverOptions): Promise<DiscoveryResult> {
  let size: number;
  try {
    const stat = await fs.promises.stat(opts.input);
    if (!stat.isFile()) throw new AppError('bad_request', `${opts.input} is not a file`);
    size = stat.size;
    await fs.promises.access(opts.input, fs.constants.R_OK);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('bad_request', `Cannot read ${opts.input}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const columns: ColumnOptions = { domain: opts.domainColumn, url: opts.urlColumn, user: opts.userColumn, time: opts.timeColumn };
  const key = opts.userKey ?? process.env.AIMS_DISCOVERY_USER_KEY;
  try {
    // Line formats are split in place, so one buffer serves every read; CSV goes through csv-parse, which may hold
    // on to chunks, so it gets fresh ones from a stream.
    const lineFormat = opts.format === 'squid' || opts.format === 'bind' || opts.format === 'jsonl';
    const source = lineFormat ? reusedBufferChunks(opts.input, 1 << 20) : fs.createReadStream(opts.input, { highWaterMark: 1 << 20 });
    return await discover(source, {
      format: opts.format,
      catalogue: loadAiCatalogue(),
      columns,
      totalBytes: size,
      userKey: key ? Buffer.from(key) : randomBytes(32),
    });
  } catch (err) {
    if (err instanceof ColumnError) throw new AppError('bad_request', err.message);
    throw err;
  }
}

/**
 * The file's bytes, read into one buffer over and over: nothing is allocated per chunk, so memory stays flat
 * whatever the file size. Each chunk is valid only until the next is requested (the line splitter copies what it keeps).
 */
async function* reusedBufferChunks(file: string, size: number): AsyncGenerator<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  const buffer = Buffer.allocUnsafe(size);
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, size, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** The documented --json shape; registeredSystemId is null offline (no register to compare with). */
function jsonReport(r: DiscoveryResult) {
  return {
    linesRead: r.linesRead,
    linesRejected: r.linesRejected,
    findings: r.findings.map((f) => ({
      catalogId: f.catalogId,
      provider: f.provider,
      product: f.product,
      category: f.category,
      matchedOn: f.matchedOn,
      requests: f.requests,
      users: f.users,
      firstSeen: f.firstSeen,
      lastSeen: f.lastSeen,
      registeredSystemId: null,
    })),
  };
}

function printRejects(r: DiscoveryResult, print: (line: string) => void): void {
  print(`${r.linesRejected} line(s) rejected${r.sampleRejects.length < r.linesRejected ? `; the first ${r.sampleRejects.length}` : ''}:`);
  for (const s of r.sampleRejects) print(`  line ${s.line}: ${s.reason}`);
}

function printHuman(r: DiscoveryResult): void {
  console.log(`${r.linesRead} line(s) read, ${r.linesRejected} rejected; ${r.findings.length} AI service finding(s)`);
  if (r.linesRejected > 0) printRejects(r, console.log);
  if (r.findings.length === 0) return;
  console.log('');
  const day = (t: string | null) => (t === null ? '' : t.slice(0, 16).replace('T', ' '));
  printTable(
    r.findings.map((f) => ({
      service: `${f.product} (${f.provider})`,
      category: f.category,
      matched: f.matchedOn,
      requests: f.requests,
      users: f.usersExact ? f.users : `~${f.users}`,
      first: day(f.firstSeen),
      last: day(f.lastSeen),
    })),
    ['service', 'category', 'matched', 'requests', 'users', 'first', 'last'],
  );
  console.log('');
  console.log('Users are pseudonymised and counted, never listed; "~" marks an estimate. Times are UTC.');
}
