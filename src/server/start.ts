import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/connect.js';
import { seedDemo } from '../demo/seed.js';
import { failInterruptedRuns } from '../modules/transfer/repo.js';
import { failInterruptedDiscoveryRuns } from '../modules/discovery/repo.js';
import { unsafeRequeueStale } from '../modules/jobs/repo.js';
import { startJobs } from '../modules/jobs/setup.js';
import { buildApp, webDist } from './app.js';
import type { App } from './types.js';

export interface StartOptions {
  demo: boolean;
  /** build the web app first when web/dist is missing */
  buildWeb: boolean;
}

export interface RunningServer {
  app: App;
  database: Database;
  url: string;
  demoLoaded: boolean;
  close(): Promise<void>;
}

/** The newest modification time among the web app's sources and the contracts it imports. */
function newestSource(dir: string, accept: (file: string) => boolean): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !accept(entry.name)) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function webBuildIsCurrent(): boolean {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) return false;
  const web = path.dirname(webDist);
  const builtAt = fs.statSync(index).mtimeMs;
  const sources = Math.max(
    newestSource(path.join(web, 'src'), () => true),
    newestSource(path.resolve(web, '../src/modules'), (f) => /^(schema|labels|permissions)\.ts$/.test(f)),
  );
  return sources <= builtAt;
}

/** Builds the web app with Vite when it is missing or older than its sources (`npm start` after a pull). */
export async function ensureWebBuilt(log: (line: string) => void): Promise<void> {
  if (webBuildIsCurrent()) return;
  log('Building the web app…');
  const { build } = await import('vite');
  await build({ configFile: path.resolve(webDist, '../vite.config.ts'), logLevel: 'warn' });
}

export async function startServer(config: Config, options: StartOptions): Promise<RunningServer> {
  if (options.buildWeb) await ensureWebBuilt((l) => console.log(l));
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await failInterruptedRuns(database.db);
    await failInterruptedDiscoveryRuns(database.db);
    const evidenceDir = path.join(config.dataDir, 'evidence');
    const demoLoaded = options.demo ? await seedDemo(database.db, { evidenceDir }) : false;
    const app = await buildApp({
      database,
      logLevel: config.logLevel,
      secureCookies: config.secureCookies,
      evidenceDir,
    });
    await app.listen({ port: config.port, host: config.host });
    // The embedded database belongs to this process alone: a job still marked running was cut off by the last stop.
    if (database.engine === 'pglite') await unsafeRequeueStale(database.db, new Date());
    const jobs = startJobs(database.db, { log: app.log });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      app,
      database,
      url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
      demoLoaded,
      async close() {
        await jobs.stop();
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
