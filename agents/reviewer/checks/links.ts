import { t, type Check } from './context';

const LINK = /\bhttps?:\/\/[^\s)>\]]+|\bwww\.[^\s)>\]]+/gi;

export function countLinks(text: string): number {
  return (text.match(LINK) ?? []).length;
}

export const checkLinks: Check = ({ draft, expectedLanguage: lang }) => {
  const n = countLinks(`${draft.subject}\n${draft.body}`);
  return n > 1 ? [{ code: 'links', severity: 'error', message: t(lang, `${n} liens : un seul au plus`, `${n} links: one at most`) }] : [];
};
