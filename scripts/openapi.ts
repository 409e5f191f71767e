// Writes docs/openapi.json from the zod contracts of the routes, or with --check fails when the committed
// document differs from what the code generates (run `npm run openapi` to refresh it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../src/db/connect.js';
import { buildApp } from '../src/server/app.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/openapi.json');

// Generating the document registers the routes without serving a request, so no database is opened. (Described
// as PostgreSQL so that no in-memory read model is set up for it; the routes are the same on both engines.)
const unopened = { db: undefined, engine: 'postgres', location: '', close: async () => undefined } as unknown as Database;
const app = await buildApp({ database: unopened, logLevel: 'silent', serveWeb: false });
await app.ready();
const generated = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();

if (process.argv.includes('--check')) {
  const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (committed !== generated) {
    console.error('docs/openapi.json is stale: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('docs/openapi.json is up to date');
} else {
  fs.writeFileSync(target, generated);
  console.log(`Wrote ${path.relative(process.cwd(), target)}`);
}
