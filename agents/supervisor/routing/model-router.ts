import { z } from 'zod';
import { fill, prompt, replies } from '../../../prompts';
import { parseIntent } from '../../../france/intent/parse-intent';
import { LanguageSchema, type Language } from '../../../lib/language';
import { chooseTool } from '../../../graph/model/structured';
import type { ChatModel } from '../../../graph/model/types';
import { DEFAULT_COUNT, MAX_COUNT, type Plan } from '../plan';
import { readCues } from './cues';

export const ROUTE_TOOLS = {
  prospect: {
    description: 'Find new companies in a sector and place, then draft outreach unless told not to.',
    schema: z
      .object({
        sector: z.string().min(1),
        place: z.string().min(1),
        count: z.number().int().min(1).max(MAX_COUNT).nullable().optional(),
        draft: z.boolean(),
        language: LanguageSchema,
      })
      .strict(),
  },
  draft_segment: {
    description: 'Draft outreach for leads already in the CRM matching a sector and/or place.',
    schema: z.object({ sector: z.string().nullable().optional(), place: z.string().nullable().optional(), onlyUncontacted: z.boolean(), language: LanguageSchema }).strict(),
  },
  answer_question: {
    description: 'Answer a question about the CRM (deals, leads, contacts, drafts).',
    schema: z.object({ question: z.string().min(1) }).strict(),
  },
  ask_clarification: {
    description: 'Ask the user one short clarifying question.',
    schema: z.object({ question: z.string().min(1).max(500) }).strict(),
  },
};

/** The model picks the route with a tool call; France's resolvers turn its words into codes. */
export async function routeWithModel(model: ChatModel, text: string, workspace: { name: string; language: Language }): Promise<Plan> {
  const requestLanguage = parseIntent(text).language;
  const p = prompt('supervisor', requestLanguage);
  const say = replies(requestLanguage);
  const call = await chooseTool(
    model,
    {
      purpose: 'route',
      temperature: 0,
      messages: [
        { role: 'system', content: fill(p.system, { workspaceName: workspace.name }) },
        { role: 'user', content: fill(p.parts.request, { request: text }) },
      ],
    },
    ROUTE_TOOLS,
    (r) => (r.name === 'draft_segment' && !r.args.sector && !r.args.place ? 'give a sector or a place for draft_segment' : null),
  );
  const forced = readCues(text).forceLanguage;
  switch (call.name) {
    case 'answer_question':
      return { route: 'ask', question: text, language: requestLanguage, replyLanguage: requestLanguage };
    case 'ask_clarification':
      return { route: 'clarify', reason: 'unclear', question: call.args.question, language: requestLanguage, replyLanguage: requestLanguage };
    case 'prospect': {
      const resolved = parseIntent(`${call.args.sector} ${call.args.place}`);
      if (!resolved.sectors.length)
        return { route: 'clarify', reason: 'missing_sector', question: say.clarify.missingSector, language: requestLanguage, replyLanguage: requestLanguage };
      if (!resolved.places.length)
        return { route: 'clarify', reason: 'missing_place', question: say.clarify.missingPlace, language: requestLanguage, replyLanguage: requestLanguage };
      const count = Math.min(MAX_COUNT, call.args.count ?? parseIntent(text).count ?? DEFAULT_COUNT);
      return {
        route: 'prospect',
        query: text,
        sectors: resolved.sectors,
        places: resolved.places,
        count,
        headcount: resolved.headcount,
        draft: call.args.draft,
        language: forced ?? call.args.language,
        replyLanguage: requestLanguage,
      };
    }
    case 'draft_segment': {
      const resolved = parseIntent([call.args.sector, call.args.place].filter(Boolean).join(' '));
      if (!resolved.sectors.length && !resolved.places.length)
        return { route: 'clarify', reason: 'missing_sector', question: say.clarify.missingSector, language: requestLanguage, replyLanguage: requestLanguage };
      return {
        route: 'draft',
        query: text,
        sectors: resolved.sectors,
        places: resolved.places,
        onlyUncontacted: call.args.onlyUncontacted,
        language: forced ?? call.args.language,
        replyLanguage: requestLanguage,
      };
    }
  }
}
