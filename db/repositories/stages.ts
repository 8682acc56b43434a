import { uuidv7 } from '../../lib/ids';
import type { StageOutcome } from '../schema';
import type { Executor } from './executor';

export const DEFAULT_STAGES: { key: string; name: string; probability: number; outcome: StageOutcome }[] = [
  { key: 'nouveau', name: 'Nouveau', probability: 10, outcome: 'open' },
  { key: 'qualifie', name: 'Qualifié', probability: 25, outcome: 'open' },
  { key: 'rendez_vous', name: 'Rendez-vous', probability: 40, outcome: 'open' },
  { key: 'proposition', name: 'Proposition', probability: 60, outcome: 'open' },
  { key: 'negociation', name: 'Négociation', probability: 80, outcome: 'open' },
  { key: 'gagne', name: 'Gagné', probability: 100, outcome: 'won' },
  { key: 'perdu', name: 'Perdu', probability: 0, outcome: 'lost' },
];

export async function insertDefaultStages(db: Executor, workspaceId: string) {
  await db
    .insertInto('pipeline_stages')
    .values(DEFAULT_STAGES.map((s, i) => ({ id: uuidv7(), workspace_id: workspaceId, position: i, ...s })))
    .execute();
}

export function listStages(db: Executor, workspaceId: string) {
  return db.selectFrom('pipeline_stages').selectAll().where('workspace_id', '=', workspaceId).orderBy('position').execute();
}

export function findStageByKey(db: Executor, workspaceId: string, key: string) {
  return db.selectFrom('pipeline_stages').selectAll().where('workspace_id', '=', workspaceId).where('key', '=', key).executeTakeFirst();
}
