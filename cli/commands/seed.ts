import { seedDemo } from '../../identity/demo';
import { openConfiguredDatabase } from '../database';
import type { Command } from '../command';

const command: Command = {
  describe: 'seed --demo: a few fictitious Lyon companies, people and deals across stages',
  async run(args, io) {
    if (!args.includes('--demo')) {
      io.stderr('usage: npm run cli -- seed --demo');
      return 2;
    }
    const db = await openConfiguredDatabase();
    try {
      const r = await seedDemo(db.kysely);
      io.stdout(r.created > 0 ? `démo : ${r.created} entreprises, contacts et affaires créés` : 'démo déjà présente : rien à faire');
      return 0;
    } finally {
      await db.close();
    }
  },
};
export default command;
