import { serve } from '@hono/node-server';
import { bootstrapIfEmpty } from '../../identity/bootstrap';
import { httpApp, openRelais } from '../../server/root';
import { logger } from '../../lib/log';
import type { Command } from '../command';

const command: Command = {
  describe: 'run the HTTP server (API + Portal) and, unless RELAIS_WORKER=off, one worker (background jobs + dispatcher)',
  async run(_args, io) {
    const started = performance.now();
    const relais = await openRelais();
    const { db, config } = relais;
    const first = await bootstrapIfEmpty(db.kysely);
    const app = await httpApp(relais);
    const worker = config.RELAIS_WORKER === 'on' ? relais.startWorker() : null;
    const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
      logger.info({ port: info.port, embedded: db.embedded, worker: worker?.jobs ?? [], ms: Math.round(performance.now() - started) }, 'relais listening');
      // one write: whoever reads the address also finds the sign-in link beside it
      const lines = [`Relais est prêt : http://localhost:${info.port}  (base ${db.embedded ? 'embarquée' : 'PostgreSQL'})`];
      if (first) {
        const link = `${config.PUBLIC_URL ?? `http://localhost:${info.port}`}/login?token=${first.loginToken}`;
        lines.push('', 'Premier démarrage : ouvrez ce lien pour vous connecter (valable une seule fois) :', `    ${link}`, '');
      }
      io.stdout(lines.join('\n'));
    });
    const shutdown = async () => {
      logger.info('shutting down');
      server.close();
      await relais.close();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return new Promise<number>(() => {}); // runs until a signal
  },
};
export default command;
