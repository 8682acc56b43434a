import type { JobQueue } from '../../db/jobs/queue';
import { listFailedRuns } from '../../db/repositories/teammate-runs';
import type { CrmCtx } from '../../crm/context';

// What failed in the background for a workspace, with the reason: teammate runs that failed
// (after their job's last attempt too), and hand-over jobs (a send-back, a lesson) that kept failing.

export type BackgroundFailure =
  | { kind: 'run'; id: string; run: 'chat' | 'revise'; threadId: string; error: string; at: Date; attempts: number }
  | { kind: 'job'; id: string; job: string; error: string; at: Date; attempts: number };

export async function recentBackgroundFailures(ctx: Pick<CrmCtx, 'db' | 'workspaceId'> & { jobs: JobQueue }, limit = 20): Promise<BackgroundFailure[]> {
  const [runs, jobs] = await Promise.all([listFailedRuns(ctx.db, ctx.workspaceId, limit), ctx.jobs.recentFailures(limit, { workspaceId: ctx.workspaceId })]);
  const items: BackgroundFailure[] = [
    ...runs.map((r) => ({ kind: 'run' as const, id: r.id, run: r.kind, threadId: r.thread_id, error: r.error ?? '', at: r.finished_at ?? r.started_at, attempts: r.attempts })),
    ...jobs.map((j) => ({ kind: 'job' as const, id: j.id, job: j.name, error: j.error, at: j.failedAt, attempts: j.attempts })),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}
