/**
 * Entry point: `node --import tsx server/main.ts` (`npm run server`). Reads the configuration from the
 * environment (docs/server.md), starts the server and closes it cleanly on SIGINT / SIGTERM.
 */
import { ConfigError, loadConfig } from './config.js';
import { createServer } from './app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  let app;
  try {
    app = await createServer(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { address, database: app.ctx.db.kind, procedures: [...app.ctx.procedures.keys()], devIdp: config.devIdp },
    'dvc-forms server ready',
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
