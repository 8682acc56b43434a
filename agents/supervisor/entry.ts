import { onActionEvent } from '../../actions/events';
import type { TeammateMode } from '../../db/tables/teammates';
import type { TeammateDeps } from '../../graph/deps';
import type { ChatRunResult, StartChat, StartedChat } from './chat';
import { pendingSendbacks } from '../../graph/store/sendbacks';
import { runningRuns } from '../../graph/store/runs';

// The teammates' entry points for the server and the Portal. LangGraph and the graphs take
// ~0.6 s to load: they load on the first chat, owner decision or leftover that needs them, not
// at start-up, so a (re)start answers sooner. Tests and the CLI import graph/runner directly.

let runnerModule: Promise<typeof import('./chat')> | null = null;
let feedbackModule: Promise<typeof import('../drafter/feedback')> | null = null;
const runner = () => (runnerModule ??= import('./chat'));
const feedback = () => (feedbackModule ??= import('../drafter/feedback'));

export const modeOf = (deps: TeammateDeps): TeammateMode => (deps.model ? 'model' : 'offline');

export async function startChat(deps: TeammateDeps, input: StartChat): Promise<StartedChat> {
  return (await runner()).startChat(deps, input);
}

/** Runs a stopped process left "running", and sendbacks nobody revised: resumed when there are any. */
export async function resumeLeftovers(deps: TeammateDeps): Promise<{ runs: ChatRunResult[]; revisions: number }> {
  const [runs, sendbacks] = await Promise.all([runningRuns(deps.db.kysely), pendingSendbacks(deps.db.kysely)]);
  return {
    runs: runs.length ? await (await runner()).resumeStaleRuns(deps, runs) : [],
    revisions: sendbacks.length ? await (await feedback()).processPendingRevisions(deps, sendbacks) : 0,
  };
}

/** What the teammates learn from decisions (sendBack → revision, approval → style example). */
export function listenToDecisions(deps: TeammateDeps): () => void {
  return onActionEvent(async (e) => (await feedback()).handleDecision(deps, e));
}

/** Waits for the runs of this process (shutdown); nothing to wait for if the graphs never loaded. */
export async function idle(): Promise<void> {
  if (runnerModule || feedbackModule) await (await runner()).idle();
}
