import { serve } from '@hono/node-server';
import { bootstrapIfEmpty } from '../../identity/bootstrap';
import { createApp } from '../../server/app';
import { extraModules } from '../../server/modules';
import { openRuntime } from '../../server/runtime';
import { logger } from '../../lib/log';
import type { Command } from '../command';

const command: Command = {
  describe: 'run the HTTP server (API + Portal) and the dispatcher',
  async run(_args, io) {
    const started = performance.now();
    const { db, deps } = await openRuntime();
    const first = await bootstrapIfEmpty(db.kysely);
    const extras = await extraModules(deps, db);
    const app = createApp(deps, extras);
    if (deps.config.RELAIS_DISPATCHER === 'on') await extras.start();
    const server = serve({ fetch: app.fetch, port: deps.config.PORT, hostname: deps.config.HOST }, (info) => {
      logger.info({ port: info.port, embedded: db.embedded, ms: Math.round(performance.now() - started) }, 'relais listening');
      // one write: whoever reads the address also finds the sign-in link beside it
      const lines = [`Relais est prêt : http://localhost:${info.port}  (base ${db.embedded ? 'embarquée' : 'PostgreSQL'})`];
      if (first) {
        const link = `${deps.config.PUBLIC_URL ?? `http://localhost:${info.port}`}/login?token=${first.loginToken}`;
        lines.push('', 'Premier démarrage : ouvrez ce lien pour vous connecter (valable une seule fois) :', `    ${link}`, '');
      }
      io.stdout(lines.join('\n'));
    });
    const shutdown = async () => {
      logger.info('shutting down');
      server.close();
      await extras.stop();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return new Promise<number>(() => {}); // runs until a signal
  },
};
export default command;
