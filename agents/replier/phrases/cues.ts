import type { ReplyCategory } from '../state';

// Evidence words for the replies no phrase rule recognises: each cue adds its weight to its
// category, and the best category wins when it has enough. Broad on purpose (FR and EN
// together, folded text): phrase rules are precise, these catch the many ways of saying it.

export type Cue = readonly [RegExp, number];
export type CueCategory = Extract<ReplyCategory, 'interested' | 'meeting_request' | 'question' | 'not_interested' | 'not_now' | 'unsubscribe' | 'wrong_person'>;

const DAY = '(lundi|mardi|mercredi|jeudi|vendredi|monday|tuesday|wednesday|thursday|friday)';

export const CUES: Record<CueCategory, readonly Cue[]> = {
  interested: [
    [/\b(idee|idea|love|great|super|genial|top|parfait|perfect|excellent|brilliant|nice|bien vu)\b/, 1],
    [/\b(ouverte?s?|open|curieu(x|se)|curious|tente|keen|eager|motive)\b/, 1],
    [/\b(essai|essayer|tester|teste|testons|trial|try|pilot|demo|demonstration)\b/, 1],
    [/\b(devis|proposition|proposal|quote|quotation|exemples?|examples?|realisations|portfolio|brochure|documentation|tarifs?|pricing)\b/, 1],
    [/\b(gagner du temps|save (us )?(a lot of )?time|utile|useful|helpful|pratique|handy|tombe bien|good timing|just what|exactement)\b/, 1],
    [/\b(go ahead|allez[- ]?y|allons[- ]?y|on y va|let'?s go|on teste|on essaie|set (one|it) up|mettre en place|put together)\b/, 2],
    [/\b(oui|yes|yeah|yep|ok|okay|d'?\s?accord|volontiers|sure|pourquoi pas|why not)\b/, 1],
  ],
  meeting_request: [
    [new RegExp(`\\b${DAY}\\b`), 1],
    [/\b\d{1,2} ?(h|heures?)( ?\d{2})?\b|\b\d{1,2}(:\d{2})? ?(am|pm)\b|\b(matin|apres-midi|fin de matinee|midi|morning|afternoon|late morning|lunchtime)\b/, 1],
    [/\b(semaine prochaine|next week|cette semaine|this week|demain|tomorrow|diary|agenda|calendrier|calendar|planning)\b/, 1],
    [/\b(venez|passez|come|visit|visiter|montrer|show us|presenter|present)\b/, 1],
    [/\b(echange|echanger|discuter|parler|talk|discuss|chat|catch up|appel|call|telephone|phone|visio|video)\b/, 1],
    [/\b(rencontre|rencontrer|meet|meeting|reunion|rdv|rendez)\b/, 2],
    // a day and an hour together are an appointment being proposed
    [
      /\b\d{1,2}(er|st|nd|rd|th)? (janv|fevr|mars|avril|mai|juin|juil|aout|sept|oct|nov|dec|jan|feb|mar|apr|may|jun|jul|aug|sep)\w* (a|at) \d{1,2}( ?h| ?heures?|:\d{2}| ?am| ?pm)/,
      2,
    ],
  ],
  question: [
    [/\?/, 2],
    [/\b(combien|comment|pourquoi|quel|quelle|quels|quelles|how|what|which|why|whether|si vous|if you)\b/, 1],
  ],
  not_interested: [
    [/\b(non|no|nope|pas|not)\b/, 1],
    [/\b(deja|already|achete|bought|purchased|signed|signe|equipes?|equipped)\b/, 1],
    [/\b(suffit|enough|me convient|nous convient|suits (me|us)|happy with|satisfaits?|content(e|s)?)\b/, 1],
    [/\b(sorry|desole|desolee|malheureusement|unfortunately|regret)\b/, 1],
    [/\b(c'?\s?est non|it'?s a no|a no from|pas pour (moi|nous)|not for (me|us))\b/, 3],
  ],
  not_now: [
    [/\b(plus tard|later|down the line|down the road|un jour|someday|one day|eventuellement|eventually|a terme)\b/, 2],
    [/\b(pas avant|not before|not until|avant la fin|before the end|d'?\s?ici (la fin|l'?\s?ete|le printemps|l'?\s?automne|la rentree))\b/, 2],
    [/\b(saison prochaine|next season|prochaine saison|semestre|trimestre|quarter|h1|h2|q[1-4]|rentree|printemps|ete|automne|hiver|spring|summer|autumn|fall|winter)\b/, 1],
    [
      /\b(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|june|july|august|september|october|november|december)\b/,
      1,
    ],
    [/\b(de nouveau|a nouveau|again|relance|relancer|recontact|revenir|reviendrez|remind|follow up)\b/, 1],
    [/\b(on verra|je verrai|we'?ll see|i'?ll see|verrons)\b/, 1],
  ],
  unsubscribe: [
    [/\b(spam|harcelement|harass|intrusi(f|ve)|abusi(f|ve))\b/, 2],
    [/\b(rgpd|gdpr|cnil|ico|donnees personnelles|personal data|article 17|article 21|effacer|erase|supprimer|delete)\b/, 2],
    [/\b(cesser|cessez|cease|arreter|arretez|stop)\b/, 1],
    [/\b(ne vous connais|don'?t know you|jamais (inscrite?|abonnee?)|never (signed|subscribed|opted))\b/, 1],
    [/\b(ne (m|me|nous)'?\s?\w+ plus|plus jamais|never again|again)\b/, 1],
  ],
  wrong_person: [
    [/\b(gerant|gerante|patron|patronne|proprietaire|owner|boss|directeur|directrice|director|manager|responsable|decideur|decision)\b/, 1],
    [/\b(stagiaire|intern|assistant|assistante|secretaire|secretary|accueil|reception|standard)\b/, 1],
    [/\b(ne peux pas decider|can'?t (decide|make (that|the) call)|pas moi qui|not me who|not my (call|decision|department|area))\b/, 2],
    [/\b(n'?\s?exerce plus|ne travaille plus|no longer|a quitte|has left|parti|departed|retired|retraite)\b/, 2],
  ],
};

/** Below this, the evidence is too thin: the reply is `other`. */
export const CUE_THRESHOLD = 3;
