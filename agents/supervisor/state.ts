import { Annotation } from '@langchain/langgraph';
import type { LeadsSummary } from '../prospector/state';
import type { LeadOutcome, LeadTask } from '../drafter/state';
import type { WorkspaceProfile } from '../../identity/profile';
import type { Plan } from './plan';

// The supervisor's state, checkpointed per conversation thread (PostgresSaver).
export type ChatTurn = { role: 'user' | 'assistant'; content: string };
/** requestId = thread + turn: the key of every draft this turn produces */
export type RequestInfo = { text: string; requestId: string; turn: number };

export const SupervisorState = Annotation.Root({
  workspaceId: Annotation<string>,
  messages: Annotation<ChatTurn[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  request: Annotation<RequestInfo>,
  plan: Annotation<Plan | null>,
  profile: Annotation<WorkspaceProfile | null>,
  leads: Annotation<LeadsSummary | null>,
  /** one per lead, written by the fan-out; reset at each turn */
  outcomes: Annotation<LeadOutcome[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  /** the fan-out's input (Send args), never written by a node */
  task: Annotation<LeadTask | null>,
  answer: Annotation<string | null>,
});

export type SupervisorStateType = typeof SupervisorState.State;
export type SupervisorUpdate = typeof SupervisorState.Update;
