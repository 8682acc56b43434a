import path from 'node:path';
import { z } from 'zod';

// All process configuration in one place, validated once: a typo in an env var fails loudly.
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  /** a schema other than public (tests and benchmarks run workers against an isolated schema) */
  RELAIS_DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier')
    .optional(),
  RELAIS_DATA_DIR: z.string().default('./.relais'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  RELAIS_SECRET_KEY: z.string().optional(),
  RELAIS_SEND_WINDOW: z.enum(['on', 'off']).default('on'),
  /** `npm start` runs one worker in-process (jobs + dispatcher); `off` serves HTTP only */
  RELAIS_WORKER: z.enum(['on', 'off']).default('on'),
  /** the background jobs this process's worker takes: `all`, a comma list of names, or `all,-name` */
  RELAIS_JOBS: z.string().trim().min(1).default('all'),
  /** a teammate run's lease: a run whose worker died is resumed elsewhere about this long after */
  RELAIS_RUN_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** an email's dispatch lease, renewed while its SMTP transaction lives: a dead dispatcher's sends are swept to delivery_unknown about this long after */
  RELAIS_DISPATCH_LEASE_MS: z.coerce.number().int().min(2000).max(600_000).default(60_000),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  RELAIS_MODEL: z.string().default('gpt-4o-mini'),
  RELAIS_LLM_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** one model request's timeout */
  RELAIS_MODEL_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  /** what a run may lose to a failing or hanging model (attempts, waits) before it finishes with the offline teammate */
  RELAIS_RUN_MODEL_BUDGET_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  RELAIS_COMPANY_SOURCE: z.enum(['offline', 'api']).default('offline'),
});

export type Config = z.infer<typeof EnvSchema> & { dataDir: string; publicUrl: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const cfg = parsed.data;
  return {
    ...cfg,
    dataDir: path.resolve(cfg.RELAIS_DATA_DIR),
    publicUrl: cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}`,
  };
}
