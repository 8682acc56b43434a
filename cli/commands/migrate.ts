import { openConfiguredDatabase } from '../database';
import type { Command } from '../command';

const command: Command = {
  describe: 'apply database migrations and exit',
  async run(_args, io) {
    const db = await openConfiguredDatabase(); // opening migrates
    io.stdout(`migrations applied (${db.embedded ? 'embedded database' : 'PostgreSQL server'}${db.vector ? ', pgvector' : ', pg_trgm fallback'})`);
    await db.close();
    return 0;
  },
};
export default command;
