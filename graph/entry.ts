import { onActionEvent } from '../actions/events';
import type { TeammateMode } from '../db/tables/teammates';
import type { TeammateDeps } from './deps';
import type { ChatRunResult, StartChat, StartedChat } from './runner';

// The teammates' entry points for the server and the Portal. LangGraph and the graphs take
// ~0.6 s to load: they load on the first chat or owner decision that needs them, not at
// start-up, so a (re)start answers sooner. Tests and the CLI import graph/runner directly.

const runner = () => import('./runner');
const feedback = () => import('./feedback');
let runnerLoaded = false;

export const modeOf = (deps: TeammateDeps): TeammateMode => (deps.model ? 'model' : 'offline');

export async function startChat(deps: TeammateDeps, input: StartChat): Promise<StartedChat> {
  runnerLoaded = true;
  return (await runner()).startChat(deps, input);
}

/** Runs a stopped process left "running", and sendbacks nobody revised: resumed when there are any. */
export async function resumeLeftovers(deps: TeammateDeps): Promise<{ runs: ChatRunResult[]; revisions: number }> {
  const db = deps.db.kysely;
  const [run, revision] = await Promise.all([
    db.selectFrom('teammate_runs').select('id').where('status', '=', 'running').where('kind', '=', 'chat').limit(1).executeTakeFirst(),
    db.selectFrom('actions').select('id').where('status', '=', 'draft').where('revision_requested_at', 'is not', null).where('teammate', '=', 'drafter').limit(1).executeTakeFirst(),
  ]);
  if (run) runnerLoaded = true;
  const runs = run ? await (await runner()).resumeStaleRuns(deps) : [];
  const revisions = revision ? await (await feedback()).processPendingRevisions(deps) : 0;
  return { runs, revisions };
}

/** What the teammates learn from decisions (sendBack → revision, approval → style example). */
export function listenToDecisions(deps: TeammateDeps): () => void {
  return onActionEvent(async (e) => {
    // handleDecision's own test, made here so other decisions never load the graphs
    const concerns = (e.type === 'revision_requested' && e.teammate === 'drafter') || (e.type === 'decided' && e.status === 'approved');
    if (!concerns) return;
    runnerLoaded = true;
    await (await feedback()).handleDecision(deps, e);
  });
}

/** Waits for the runs of this process (shutdown). */
export async function idle(): Promise<void> {
  if (runnerLoaded) await (await runner()).idle();
}
