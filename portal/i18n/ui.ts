import type { Ui } from '../env';
import { formatFor } from './format';
import { translator } from './index';
import type { Language } from '../../lib/language';

const cache = new Map<Language, Ui>();

/** The language tools for one language, built once per process. */
export function uiFor(lang: Language): Ui {
  let ui = cache.get(lang);
  if (!ui) {
    ui = {
      lang,
      t: translator(lang),
      fmt: formatFor(lang),
      colon: lang === 'fr' ? '\u00a0:' : ':',
      quote: lang === 'fr' ? (s) => `«\u00a0${s}\u00a0»` : (s) => `“${s}”`,
    };
    cache.set(lang, ui);
  }
  return ui;
}
