import { replies } from '../../../prompts';
import { parseIntent } from '../../../france/intent/parse-intent';
import type { Language } from '../../../lib/language';
import { DEFAULT_COUNT, MAX_COUNT, type Plan } from '../plan';
import { readCues } from './cues';

/**
 * The offline teammate's supervisor: rule-based intent (france/ parseIntent) plus request
 * cues. Find-verbs prospect; "not yet contacted" / write-only requests draft for leads already
 * in the CRM; questions about deals, leads, drafts are answered; anything else is clarified.
 */
export function routeOffline(text: string, workspaceLanguage: Language): Plan {
  const trimmed = text.trim();
  const cues = readCues(trimmed);
  if (!trimmed) return { route: 'clarify', reason: 'empty', question: replies(workspaceLanguage).clarify.empty, language: workspaceLanguage, replyLanguage: workspaceLanguage };
  const intent = parseIntent(trimmed);
  const requestLanguage = intent.language;
  const language = cues.forceLanguage ?? requestLanguage ?? workspaceLanguage;
  const say = replies(requestLanguage);
  const hasSector = intent.sectors.length > 0;
  const hasPlace = intent.places.length > 0;

  if (cues.question && cues.crmNoun && !cues.find && !cues.write) return { route: 'ask', question: trimmed, language: requestLanguage, replyLanguage: requestLanguage };

  if (cues.existing || (cues.write && !cues.find && (hasSector || hasPlace))) {
    if (!hasSector && !hasPlace)
      return { route: 'clarify', reason: 'missing_sector', question: say.clarify.missingSector, language: requestLanguage, replyLanguage: requestLanguage };
    return { route: 'draft', query: trimmed, sectors: intent.sectors, places: intent.places, onlyUncontacted: true, language, replyLanguage: requestLanguage };
  }

  if (intent.kind === 'prospect' || cues.find || hasSector) {
    if (!hasSector)
      return { route: 'clarify', reason: 'missing_sector', question: intent.message ?? say.clarify.missingSector, language: requestLanguage, replyLanguage: requestLanguage };
    if (!hasPlace) return { route: 'clarify', reason: 'missing_place', question: say.clarify.missingPlace, language: requestLanguage, replyLanguage: requestLanguage };
    const count = Math.min(MAX_COUNT, intent.count ?? DEFAULT_COUNT);
    return {
      route: 'prospect',
      query: trimmed,
      sectors: intent.sectors,
      places: intent.places,
      count,
      headcount: intent.headcount,
      draft: !cues.noWrite,
      language,
      replyLanguage: requestLanguage,
    };
  }
  if (cues.question) return { route: 'ask', question: trimmed, language: requestLanguage, replyLanguage: requestLanguage };
  return { route: 'clarify', reason: 'unclear', question: say.clarify.unclear, language: requestLanguage, replyLanguage: requestLanguage };
}
