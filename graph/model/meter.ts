import type { ModelPurpose, TokenUsage } from './types';

// Per-run model accounting: calls, tokens in/out and an estimated cost. Prices are USD per
// million tokens, public list prices; an unknown model is counted at zero cost.
const PRICES: Record<string, { input: number; output: number }> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'mistral-small-latest': { input: 0.1, output: 0.3 },
  'mistral-large-latest': { input: 2, output: 6 },
};

export type MeterTotals = { modelCalls: number; tokensIn: number; tokensOut: number; costUsd: number; byPurpose: Partial<Record<ModelPurpose, number>> };

export function priceFor(model: string): { input: number; output: number } {
  const key = Object.keys(PRICES).find((k) => model === k || model.startsWith(`${k}-`));
  return key ? PRICES[key] : { input: 0, output: 0 };
}

/** The estimated cost of one call, in USD. */
export function costOf(model: string, usage: TokenUsage): number {
  const price = priceFor(model);
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1e6;
}

export class RunMeter {
  private totals: MeterTotals = { modelCalls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, byPurpose: {} };

  record(purpose: ModelPurpose, model: string, usage: TokenUsage): void {
    this.totals.modelCalls++;
    this.totals.tokensIn += usage.inputTokens;
    this.totals.tokensOut += usage.outputTokens;
    this.totals.costUsd += costOf(model, usage);
    this.totals.byPurpose[purpose] = (this.totals.byPurpose[purpose] ?? 0) + 1;
  }

  snapshot(): MeterTotals {
    return { ...this.totals, byPurpose: { ...this.totals.byPurpose } };
  }
}
