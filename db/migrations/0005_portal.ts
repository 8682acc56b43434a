import { sql, type Kysely } from 'kysely';

// The Portal's pipeline figures (Dashboard, Reports, Forecasts) read a few counter rows instead of
// scanning every deal: per workspace, stage and month of closing (in the workspace's time zone;
// '' while open), the count, the amount and the two sums the weighted forecast needs. Kept by
// statement-level triggers, in key order (no deadlock between concurrent statements).
const month = sql.raw(`coalesce(to_char(d.closed_at at time zone w.timezone, 'YYYY-MM'), '')`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table deal_stage_totals (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      stage_id uuid not null,
      closed_month text not null,
      n bigint not null default 0,
      amount bigint not null default 0,
      -- Σ amount of deals that use their stage's probability
      amount_stage_prob bigint not null default 0,
      -- Σ amount × the deal's own probability (percent)
      amount_x_override bigint not null default 0,
      primary key (workspace_id, stage_id, closed_month)
    );


    create function deal_totals_insert() returns trigger language plpgsql as $$
    begin
      insert into deal_stage_totals as t (workspace_id, stage_id, closed_month, n, amount, amount_stage_prob, amount_x_override)
        select d.workspace_id, d.stage_id, ${month}, count(*), sum(d.amount_cents),
          coalesce(sum(d.amount_cents) filter (where d.probability_override is null), 0),
          coalesce(sum(d.amount_cents * d.probability_override), 0)
        from new_rows d join workspaces w on w.id = d.workspace_id
        group by 1, 2, 3 order by 1, 2, 3
      on conflict (workspace_id, stage_id, closed_month) do update set
        n = t.n + excluded.n, amount = t.amount + excluded.amount,
        amount_stage_prob = t.amount_stage_prob + excluded.amount_stage_prob,
        amount_x_override = t.amount_x_override + excluded.amount_x_override;
      return null;
    end $$;

    create function deal_totals_update() returns trigger language plpgsql as $$
    begin
      insert into deal_stage_totals as t (workspace_id, stage_id, closed_month, n, amount, amount_stage_prob, amount_x_override)
        select workspace_id, stage_id, closed_month, sum(sn), sum(sn * amount_cents),
          coalesce(sum(sn * amount_cents) filter (where probability_override is null), 0),
          coalesce(sum(sn * amount_cents * probability_override), 0)
        from (
          select d.workspace_id, d.stage_id, ${month} as closed_month, 1 as sn, d.amount_cents, d.probability_override
            from new_rows d join workspaces w on w.id = d.workspace_id
          union all
          select d.workspace_id, d.stage_id, ${month}, -1, d.amount_cents, d.probability_override
            from old_rows d join workspaces w on w.id = d.workspace_id
        ) x
        group by 1, 2, 3
        having sum(sn) <> 0 or sum(sn * amount_cents) <> 0 or coalesce(sum(sn * amount_cents * probability_override), 0) <> 0
          or coalesce(sum(sn * amount_cents) filter (where probability_override is null), 0) <> 0
        order by 1, 2, 3
      on conflict (workspace_id, stage_id, closed_month) do update set
        n = t.n + excluded.n, amount = t.amount + excluded.amount,
        amount_stage_prob = t.amount_stage_prob + excluded.amount_stage_prob,
        amount_x_override = t.amount_x_override + excluded.amount_x_override;
      return null;
    end $$;

    create function deal_totals_delete() returns trigger language plpgsql as $$
    begin
      insert into deal_stage_totals as t (workspace_id, stage_id, closed_month, n, amount, amount_stage_prob, amount_x_override)
        select d.workspace_id, d.stage_id, ${month}, -count(*), -sum(d.amount_cents),
          -coalesce(sum(d.amount_cents) filter (where d.probability_override is null), 0),
          -coalesce(sum(d.amount_cents * d.probability_override), 0)
        from old_rows d join workspaces w on w.id = d.workspace_id
        group by 1, 2, 3 order by 1, 2, 3
      on conflict (workspace_id, stage_id, closed_month) do update set
        n = t.n + excluded.n, amount = t.amount + excluded.amount,
        amount_stage_prob = t.amount_stage_prob + excluded.amount_stage_prob,
        amount_x_override = t.amount_x_override + excluded.amount_x_override;
      return null;
    end $$;

    create trigger deal_totals_insert after insert on deals
      referencing new table as new_rows for each statement execute function deal_totals_insert();
    create trigger deal_totals_update after update on deals
      referencing old table as old_rows new table as new_rows for each statement execute function deal_totals_update();
    create trigger deal_totals_delete after delete on deals
      referencing old table as old_rows for each statement execute function deal_totals_delete();

    insert into deal_stage_totals (workspace_id, stage_id, closed_month, n, amount, amount_stage_prob, amount_x_override)
      select d.workspace_id, d.stage_id, ${month}, count(*), sum(d.amount_cents),
        coalesce(sum(d.amount_cents) filter (where d.probability_override is null), 0),
        coalesce(sum(d.amount_cents * d.probability_override), 0)
      from deals d join workspaces w on w.id = d.workspace_id
      group by 1, 2, 3;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the portal schema is not reversible');
}
