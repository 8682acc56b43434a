import { z } from 'zod';
import { createUserToken } from '../../identity/bootstrap';
import { openConfiguredDatabase } from '../database';
import type { Command } from '../command';

const Args = z.object({ role: z.enum(['admin', 'member']), name: z.string().optional() });

const command: Command = {
  describe: 'token create --role admin|member [--name NAME]: prints the new API token as the last line',
  async run(args, io) {
    const [sub, ...rest] = args;
    const opts: Record<string, string> = {};
    for (let i = 0; i < rest.length; i += 2) opts[rest[i].replace(/^--/, '')] = rest[i + 1];
    const parsed = Args.safeParse(opts);
    if (sub !== 'create' || !parsed.success) {
      io.stderr('usage: npm run --silent cli -- token create --role admin|member [--name NAME]');
      return 2;
    }
    const db = await openConfiguredDatabase();
    try {
      const { token } = await createUserToken(db.kysely, parsed.data.role, parsed.data.name);
      io.stdout(token);
      return 0;
    } finally {
      await db.close();
    }
  },
};
export default command;
