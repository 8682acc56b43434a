import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeal, deleteDeal, updateDeal } from './deals';
import type { CrmCtx } from './context';
import { createTestContext, type TestContext } from '../test/support/context';
import { pipelineFigures, totals } from './pipeline';

// The Dashboard reads counters kept by triggers (db/migrations/0005_portal.ts); they must always
// equal what a full scan of the deals says, through creates, moves, edits and deletes.
let t: TestContext;
let ctx: CrmCtx;
beforeAll(async () => {
  t = await createTestContext();
  ctx = { db: t.db.kysely, jobs: t.deps.jobs, workspaceId: t.a.id, actor: { type: 'user', id: t.a.adminId } };
});
afterAll(async () => t?.close());

async function scanned() {
  const r = await sql<{ key: string; n: number; amount: number; weighted: number; month_n: number }>`
    select s.key, count(d.id)::int as n, coalesce(sum(d.amount_cents), 0)::bigint as amount,
      coalesce(sum(d.amount_cents * coalesce(d.probability_override, s.probability)), 0)::bigint as weighted,
      (count(d.id) filter (where to_char(d.closed_at at time zone 'Europe/Paris', 'YYYY-MM') = to_char(now() at time zone 'Europe/Paris', 'YYYY-MM')))::int as month_n
    from pipeline_stages s left join deals d on d.stage_id = s.id
    where s.workspace_id = ${t.a.id} group by s.key, s.position order by s.position`.execute(t.db.kysely);
  return r.rows.map((x) => ({ key: x.key, n: x.n, amount: Number(x.amount), weighted: Math.round(Number(x.weighted) / 100), monthN: x.month_n }));
}

async function fromCounters() {
  return (await pipelineFigures(ctx)).map((f) => ({ key: f.stage.key, n: f.count, amount: f.amountCents, weighted: f.weightedCents, monthN: f.monthCount }));
}

describe('pipeline counters', () => {
  it('match a full scan through creates, moves, edits and deletes', async () => {
    const a = await createDeal(ctx, { title: 'A', amountCents: 100_000, stage: 'nouveau' });
    const b = await createDeal(ctx, { title: 'B', amountCents: 250_050, stage: 'proposition', probabilityOverride: 35 });
    const c = await createDeal(ctx, { title: 'C', amountCents: 999, stage: 'gagne' });
    expect(await fromCounters()).toEqual(await scanned());
    await updateDeal(ctx, a.deal.id, { stage: 'negociation', version: 1 });
    await updateDeal(ctx, b.deal.id, { amountCents: 300_000, probabilityOverride: null, version: 1 });
    await updateDeal(ctx, b.deal.id, { stage: 'gagne', version: 2 });
    await updateDeal(ctx, c.deal.id, { title: 'C renamed', version: 1 });
    expect(await fromCounters()).toEqual(await scanned());
    await deleteDeal(ctx, a.deal.id);
    await sql`update deals set amount_cents = amount_cents + 1 where workspace_id = ${t.a.id}`.execute(t.db.kysely);
    expect(await fromCounters()).toEqual(await scanned());
    const sum = totals(await pipelineFigures(ctx));
    expect(sum.wonMonthCount).toBe(2);
    expect(sum.openCount).toBe(0);
    // another workspace's deals never count here
    const other: CrmCtx = { ...ctx, workspaceId: t.b.id, actor: { type: 'user', id: t.b.adminId } };
    await createDeal(other, { title: 'B side', amountCents: 5, stage: 'nouveau' });
    expect(await fromCounters()).toEqual(await scanned());
  });
});
