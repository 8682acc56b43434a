import { Overwrite } from '@langchain/langgraph';
import { loadWorkspaceProfile } from '../../../identity/profile';
import type { RunScope, TeammateDeps } from '../../../graph/deps';
import { ModelUnavailableError } from '../../../graph/model/types';
import { routeOffline } from '../routing/offline-router';
import { routeWithModel } from '../routing/model-router';
import type { SupervisorStateType, SupervisorUpdate } from '../state';

/** Read the request: route, sector and place codes, language. Resets the turn's results. */
export function understandNode(deps: TeammateDeps, run: RunScope) {
  return async (s: SupervisorStateType): Promise<SupervisorUpdate> => {
    const profile = await loadWorkspaceProfile(deps.db.kysely, s.workspaceId);
    const plan = run.model
      ? await routeWithModel(run.model, s.request.text, { name: profile.name, language: profile.defaultLanguage }).catch((err: unknown) => {
          // the model is not answering: the offline teammate reads the request (the reply says so)
          if (err instanceof ModelUnavailableError) return routeOffline(s.request.text, profile.defaultLanguage);
          throw err;
        })
      : routeOffline(s.request.text, profile.defaultLanguage);
    run.log.info({ route: plan.route }, 'request understood');
    await run.emit('request_understood', {
      route: plan.route,
      language: plan.language,
      ...(plan.route === 'prospect' || plan.route === 'draft' ? { sectors: plan.sectors.map((x) => x.label), places: plan.places.map((x) => x.label) } : {}),
    });
    return { plan, profile, leads: null, answer: null, outcomes: new Overwrite([]) };
  };
}
