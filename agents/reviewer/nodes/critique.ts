import { z } from 'zod';
import { leadFactsForPrompt } from '../../../crm/lead-facts';
import { callJson } from '../../../graph/model/structured';
import { ModelOutputError, ModelUnavailableError, type ChatModel } from '../../../graph/model/types';
import { fill, prompt, replies } from '../../../prompts';
import { verdictOf } from '../deterministic';
import type { ReviewInput, ReviewNote, ReviewerStateType, ReviewerUpdate } from '../state';

const CritiqueSchema = z.object({ verdict: z.enum(['pass', 'revise']), notes: z.array(z.string().max(500)).max(10) });

/** The model's critique of a draft, as reviewer notes (a critique it cannot give is a warning). */
export async function critique(model: ChatModel, input: ReviewInput): Promise<ReviewNote[]> {
  const { draft, facts, profile, language } = input;
  const p = prompt('reviewer', language);
  try {
    const r = await callJson(
      model,
      {
        purpose: 'review',
        temperature: 0,
        messages: [
          { role: 'system', content: fill(p.system, { workspaceName: profile.name }) },
          { role: 'user', content: fill(p.parts.draft, { facts: JSON.stringify(leadFactsForPrompt(facts, language)), subject: draft.subject, body: draft.body }) },
        ],
      },
      'review',
      CritiqueSchema,
    );
    if (r.verdict === 'pass') return [];
    return (r.notes.length ? r.notes : ['revise']).map((message) => ({ code: 'critique', severity: 'error', message }));
  } catch (err) {
    // the draft passed the mechanical checks: it is kept, flagged, rather than lost with the call
    if (err instanceof ModelUnavailableError) return [{ code: 'unreviewed', severity: 'warning', message: replies(language).unreviewed }];
    if (!(err instanceof ModelOutputError)) throw err;
    return [{ code: 'critique', severity: 'warning', message: err.message }];
  }
}

/** With a model, a draft that passed the checks is read once more, as a colleague would. */
export function critiqueNode(model: ChatModel) {
  return async (s: ReviewerStateType): Promise<ReviewerUpdate> => {
    const checked = s.review ?? { verdict: 'pass', notes: [] };
    const notes = [...checked.notes, ...(await critique(model, s.input))];
    return { review: { verdict: verdictOf(notes), notes } };
  };
}
