import type { ModelBudget } from './budget';

// The provider-neutral chat model contract every teammate calls. The openai SDK provider,
// the scripted test model and the bench's simulated model all implement it.

export type ToolCall = { id: string; name: string; arguments: string };

export type ModelMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export type ToolSpec = { name: string; description: string; parameters: Record<string, unknown> };

/** What a call is for: accounting, logs and the scripted model key on it. */
export type ModelPurpose = 'route' | 'draft' | 'review' | 'ask';

export type ModelRequest = {
  purpose: ModelPurpose;
  messages: ModelMessage[];
  tools?: ToolSpec[];
  /** force one named tool, or any tool */
  toolChoice?: 'auto' | 'required' | { name: string };
  /** structured output (JSON schema) instead of tools */
  responseFormat?: { name: string; schema: Record<string, unknown> };
  temperature?: number;
  signal?: AbortSignal;
  /** the run's patience: caps each attempt's timeout and the waits between attempts */
  budget?: Pick<ModelBudget, 'remainingMs' | 'spend'>;
};

export type TokenUsage = { inputTokens: number; outputTokens: number };

export type ModelResponse = {
  content: string | null;
  toolCalls: ToolCall[];
  usage: TokenUsage;
  model: string;
};

export type ChatModel = {
  readonly name: string;
  complete(req: ModelRequest): Promise<ModelResponse>;
};

/** The model could not produce a valid answer after the allowed repairs: the run says so. */
export class ModelOutputError extends Error {
  readonly purpose: ModelPurpose;
  readonly attempts: number;
  constructor(purpose: ModelPurpose, attempts: number, detail: string) {
    super(`the model gave no valid ${purpose} answer after ${attempts} attempts: ${detail}`);
    this.purpose = purpose;
    this.attempts = attempts;
  }
}

/** The provider kept failing (rate limit, 5xx, timeout) after its retries. */
export class ModelUnavailableError extends Error {
  readonly status: number | null;
  constructor(message: string, status: number | null) {
    super(message);
    this.status = status;
  }
}
