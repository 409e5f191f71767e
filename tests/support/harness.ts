import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';
import type { Engine } from '../../src/db/connect.js';
import { openTestDatabase, type TestDatabase } from './engines.js';

export interface TestApp {
  app: App;
  database: TestDatabase;
  /** this app's evidence file store, a temporary directory removed on close */
  evidenceDir: string;
  close(): Promise<void>;
}

/** The real application on a fresh database, driven in-process with `app.inject`. */
export async function startTestApp(engine: Engine): Promise<TestApp> {
  const database = await openTestDatabase(engine);
  const evidenceDir = await fs.mkdtemp(path.join(os.tmpdir(), 'aims-evidence-'));
  const app = await buildApp({ database, logLevel: 'silent', serveWeb: false, evidenceDir });
  await app.ready();
  return {
    app,
    database,
    evidenceDir,
    async close() {
      await app.close();
      await database.drop();
      await fs.rm(evidenceDir, { recursive: true, force: true });
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function json<T = unknown>(res: LightMyRequestResponse): T {
  return res.json<T>();
}

/** Signs in through the API; returns the headers a browser would send on later requests. */
export async function signIn(app: App, email: string, password: string): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'aims_session');
  if (!cookie) throw new Error('no session cookie');
  const { csrfToken } = res.json<{ csrfToken: string }>();
  return { cookie: `aims_session=${cookie.value}`, 'x-csrf-token': csrfToken };
}
