// Tables of the Portal (db/migrations/0005_portal.ts).
export type DealStageTotalsTable = {
  workspace_id: string;
  stage_id: string;
  /** 'YYYY-MM' of closed_at in the workspace's time zone; '' while the deal is open */
  closed_month: string;
  n: number;
  amount: number;
  amount_stage_prob: number;
  amount_x_override: number;
};

export type PortalDatabase = {
  deal_stage_totals: DealStageTotalsTable;
};
