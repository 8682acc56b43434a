import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ActorType } from '../schema';

// Tables of the CSV imports (db/migrations/0013_imports.ts).
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON (validated by its reader), written as text */
type Jsonb = ColumnType<unknown, string, string>;
type NullableJsonb = ColumnType<unknown, string | null | undefined, string | null>;

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

export type ImportsTable = {
  id: string;
  workspace_id: string;
  created_by_type: ActorType;
  created_by_id: string | null;
  status: Generated<ImportStatus>;
  plan: NullableJsonb;
  report: Jsonb;
  rows_total: number;
  rows_done: Generated<number>;
  chunks_total: number;
  chunks_done: Generated<number>;
  error: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  finished_at: NullableTimestamp;
};

export type ImportsDatabase = {
  imports: ImportsTable;
};

export type ImportRow = Selectable<ImportsTable>;
