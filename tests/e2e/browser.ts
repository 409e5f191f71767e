// A real server on a fresh data directory (with the demo organisation) and a headless Chromium, for browser tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webDist = path.join(root, 'web/dist');

export interface BrowserSession {
  base: string;
  page: Page;
  context: BrowserContext;
  /** a scratch directory removed on close */
  tmp: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls /readyz until the server answers; fails early when the process exits. */
async function waitForReady(base: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not become ready:\n${log()}`);
}

function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(webDist, 'index.html'))) return;
  const build = spawnSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`web build failed:\n${build.stdout}\n${build.stderr}`);
}

export async function startBrowserSession(prefix: string): Promise<BrowserSession> {
  ensureWebBuilt();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // A copy of the migrated template database when the global setup provides one (faster than a new one).
  const dataDir = path.join(tmp, 'data');
  const template = inject('pgliteTemplate');
  if (template && fs.existsSync(template)) fs.cpSync(template, dataDir, { recursive: true });
  else fs.mkdirSync(dataDir);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let serverLog = '';
  const server = spawn(process.execPath, ['bin/aims.js', 'serve', '--port', String(port), '--data-dir', dataDir, '--no-web-build'], {
    cwd: root,
    env: { ...process.env, AIMS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => (serverLog += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()));
  await waitForReady(base, server, () => serverLog);

  const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    locale: 'en-GB',
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    base,
    page,
    context,
    tmp,
    async close() {
      await context.close();
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** GETs an organisation API path with the browser's session cookie; fails the test on anything but 200. */
export async function apiGet<T>(session: BrowserSession, org: string, path: string): Promise<T> {
  const res = await session.page.request.get(`${session.base}/api/v1/orgs/${org}${path}`);
  if (res.status() !== 200) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Signs in through the sign-in page and waits for the register. */
export async function signInAs(session: BrowserSession, email: string, password: string): Promise<void> {
  const { page, base } = session;
  await page.goto(`${base}/`);
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('systems-table').waitFor();
}
