// A run's patience with its model: the time it may lose to failed attempts, waits and hangs.
// Calls that succeed cost nothing; once the budget is spent (or the provider gave up), the run is
// degraded: its later calls fail at once and the teammates finish with the offline teammate.

export type ModelBudget = {
  /** what is left of the budget, in ms (never below 0) */
  remainingMs(): number;
  /** time lost to a failed attempt or a wait */
  spend(ms: number): void;
  readonly degraded: string | null;
  /** the model is not to be asked again in this run; the reason says why (in the logs and the reply) */
  degrade(reason: string): void;
};

export function createModelBudget(totalMs: number): ModelBudget {
  let spent = 0;
  let degraded: string | null = null;
  return {
    remainingMs: () => Math.max(0, totalMs - spent),
    spend(ms) {
      spent += Math.max(0, ms);
    },
    get degraded() {
      return degraded;
    },
    degrade(reason) {
      degraded ??= reason;
    },
  };
}
