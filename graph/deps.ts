import type { Db } from '../db/connection';
import type { JobQueue } from '../db/jobs/queue';
import type { Logger } from '../lib/log';
import type { CompanySource } from '../france/sources';
import type { Emitter } from './store/events';
import type { ModelBudget } from './model/budget';
import type { Limiter } from './model/limiter';
import type { RunMeter } from './model/meter';
import type { ChatModel } from './model/types';
import type { OutboundGate } from './outbound';

/** Process-wide teammate wiring: the database, the model (null = offline teammate), the ports (the outbound gate, the company source). */
export type TeammateDeps = {
  db: Db;
  model: ChatModel | null;
  concurrency: number;
  gate: OutboundGate;
  /** the job queue: runs are jobs, and so is anything a run hands over */
  jobs: JobQueue;
  companies: CompanySource;
  logger: Logger;
  /** drafter ⇄ reviewer rounds before a draft is flagged needs attention */
  maxRounds?: number;
  /** approved drafts given to the drafter as style examples */
  styleExamples?: number;
  /** the time a run may lose to a failing or hanging model before it finishes offline (RELAIS_RUN_MODEL_BUDGET_MS) */
  modelBudgetMs?: number;
};

/** One run's view: its ids, its accounting, its progress events. */
export type RunScope = {
  runId: string;
  workspaceId: string;
  userId: string | null;
  threadId: string;
  mode: 'offline' | 'model';
  /** the model through the run's limiter, meter and budget; null offline */
  model: ChatModel | null;
  meter: RunMeter;
  /** the run's patience with the model; `degraded` once it gave up on it */
  budget: ModelBudget;
  /** model calls in flight */
  limiter: Limiter;
  /** leads being drafted at once (the fan-out's bound) */
  leadSlots: Limiter;
  emit: Emitter;
  log: Logger;
};

export const DEFAULT_MAX_ROUNDS = 3;
export const DEFAULT_MODEL_BUDGET_MS = 60_000;
export const DEFAULT_STYLE_EXAMPLES = 3;
