import { en } from './en';
import { fr, type MessageKey } from './fr';
import type { Language } from '../../lib/language';

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const dictionaries: Record<Language, Record<MessageKey, string>> = { fr, en };

/** `{name}` placeholders are filled as plain text; JSX escapes the result when rendered. */
export function translator(lang: Language): Translate {
  const dict = dictionaries[lang];
  return (key, params) => {
    const text = dict[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** A key built at runtime (stage keys, statuses…) falls back to the given text when unknown. */
export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}
