import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import type { Db } from '../db/connection';

// LangGraph's official PostgresSaver on our pool (the embedded database too: it speaks the
// wire protocol), in the same schema as the CRM. setup() runs once per database handle.
const savers = new WeakMap<Db, Promise<PostgresSaver>>();

export function checkpointerFor(db: Db): Promise<PostgresSaver> {
  let saver = savers.get(db);
  if (!saver) {
    saver = (async () => {
      const s = new PostgresSaver(db.pool, undefined, { schema: db.schema });
      await s.setup();
      return s;
    })();
    saver.catch(() => savers.delete(db));
    savers.set(db, saver);
  }
  return saver;
}
