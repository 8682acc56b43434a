import { z } from 'zod';
import { fill, prompt } from '../../prompts';
import type { Language } from '../../lib/language';
import type { WorkspaceProfile } from '../../identity/profile';
import type { LeadFacts } from '../../crm/lead-facts';
import { callJson } from '../../graph/model/structured';
import { ModelOutputError, type ChatModel } from '../../graph/model/types';
import { factsForPrompt } from '../drafter/nodes/compose';
import type { Draft, Review, ReviewNote } from '../drafter/draft';
import { reviewDeterministic, verdictOf } from './deterministic';

const CritiqueSchema = z.object({ verdict: z.enum(['pass', 'revise']), notes: z.array(z.string().max(500)).max(10) });

/** The model's critique of a draft, as reviewer notes (a critique it cannot give is a warning). */
export async function critique(model: ChatModel, draft: Draft, facts: LeadFacts, profile: WorkspaceProfile, lang: Language): Promise<ReviewNote[]> {
  const p = prompt('reviewer', lang);
  try {
    const r = await callJson(
      model,
      {
        purpose: 'review',
        temperature: 0,
        messages: [
          { role: 'system', content: fill(p.system, { workspaceName: profile.name }) },
          { role: 'user', content: fill(p.parts.draft, { facts: JSON.stringify(factsForPrompt(facts, lang)), subject: draft.subject, body: draft.body }) },
        ],
      },
      'review',
      CritiqueSchema,
    );
    if (r.verdict === 'pass') return [];
    return (r.notes.length ? r.notes : ['revise']).map((message) => ({ code: 'critique', severity: 'error', message }));
  } catch (err) {
    if (!(err instanceof ModelOutputError)) throw err;
    return [{ code: 'critique', severity: 'warning', message: err.message }];
  }
}

/** The whole peer review: mechanical checks, then — when they pass and a model is set — its critique. */
export async function reviewDraft(model: ChatModel | null, draft: Draft, facts: LeadFacts, profile: WorkspaceProfile, lang: Language): Promise<Review> {
  const review = reviewDeterministic(draft, facts, profile, lang);
  if (!model || review.verdict !== 'pass') return review;
  const notes = [...review.notes, ...(await critique(model, draft, facts, profile, lang))];
  return { verdict: verdictOf(notes), notes };
}
