import type { Command } from 'commander';
import { DEMO_PASSWORD, DEMO_SLUG, demoUsers } from '../../demo/harbour-point.js';
import { startServer } from '../../server/start.js';
import { configFrom } from '../support.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the web app and the API')
    .option('--port <port>', 'port to listen on (env PORT, default 8642)', (v) => Number(v))
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .option('--no-demo', 'do not load the demo organisation on first start')
    .option('--no-web-build', 'do not build the web app when it is missing')
    .action(async (opts: { port?: number; host?: string; demo: boolean; webBuild: boolean }, cmd: Command) => {
      const config = configFrom({ ...cmd.optsWithGlobals(), port: opts.port, host: opts.host });
      const server = await startServer(config, { demo: opts.demo, buildWeb: opts.webBuild });
      const where =
        server.database.engine === 'pglite'
          ? `embedded database in ${server.database.location}`
          : `PostgreSQL at ${server.database.location}`;
      console.log(`OpenAIMS is running at ${server.url} (${where})`);
      console.log(`API documentation: ${server.url}/api/v1/docs`);
      if (opts.demo) {
        const lead = demoUsers.find((u) => u.role === 'governance_lead');
        console.log(
          `${server.demoLoaded ? 'Loaded' : 'Demo'} organisation "${DEMO_SLUG}": sign in as ${lead?.email ?? ''} with password ${DEMO_PASSWORD} (other demo accounts are in the README)`,
        );
      }
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`${signal}: stopping`);
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
}
