import type { Referral } from './state';

// The person a `wrong_person` reply points to: "contactez plutôt Marie Dupont
// (marie.dupont@x.fr)", "please reach out to John Smith at john@…", "c'est Nicolas Faivre
// <n.faivre@…> qui gère". The name is read just before the address, else after the cue.

const EMAIL = /[\p{L}0-9._%+-]{1,64}@[\p{L}0-9-]{1,63}(?:\.[\p{L}0-9-]{1,63}){0,8}\.[a-z]{2,24}/giu;
// what sits between a name and its address: "(", "<", ":", ",", "at", "à l'adresse", "by email"…
const CONNECTOR = /(?:[\s(<[:,;–—-]|\b(?:at|on|via|sur|par|email|e-mail|mail|courriel|adresse|l'adresse|l['’]?\s?adresse|[àa]\s+l['’]?\s?adresse|[àa]|joignable|reachable)\b)*$/iu;
const NAME_WORD = /^(\p{Lu}[\p{L}'’-]{0,30}|de|du|des|le|la|van|von|der|di|da)$/u;
const NOT_NAME = new Set(
  'bonjour bonsoir hello hi dear merci thanks thank please contactez contacter contact écrivez voyez adressez je vous nous il elle he she our notre votre your the le la les mr mrs ms dr m mme mlle monsieur madame me directeur directrice manager gérant gérante responsable service équipe team mail email e-mail adresse plutôt instead directly directement reach out'.split(
    ' ',
  ),
);
const TITLE = /^(m\.|mr\.?|mrs\.?|ms\.?|mme|mlle|dr\.?|me|monsieur|madame)$/i;
const CUE = /(?:plut[oô]t|avec|to|aupr[eè]s de|c['’]?\s?est|contact(?:ez|er)?|[ée]crire [àa])\s+((?:\p{Lu}[\p{L}'’-]{1,30}\s?){1,3})/u;

const CAPITALISED = /\p{Lu}[\p{L}'’-]{1,30}(?:\s+\p{Lu}[\p{L}'’-]{1,30}){1,2}/gu;

/** "Julie Roche, responsable achats : j.roche@…": the last full name earlier on the address's line. */
function nameOnLine(prefix: string): string {
  const line = prefix.slice(prefix.lastIndexOf('\n') + 1).slice(-160);
  let found = '';
  for (const m of line.matchAll(CAPITALISED)) {
    const words = m[0].split(/\s+/).filter((w) => !NOT_NAME.has(w.toLowerCase()) && !TITLE.test(w));
    if (words.length >= 2) found = words.join(' ');
  }
  return found;
}

function nameBefore(prefix: string): string {
  return nameJustBefore(prefix) || nameOnLine(prefix);
}

function nameJustBefore(prefix: string): string {
  const trimmed = prefix.slice(-120).replace(CONNECTOR, '');
  const words = trimmed.split(/\s+/);
  const name: string[] = [];
  for (let i = words.length - 1; i >= 0 && name.length < 4; i--) {
    const w = words[i].replace(/[.,;:]+$/, '');
    if (!NAME_WORD.test(w) || NOT_NAME.has(w.toLowerCase()) || TITLE.test(w)) break;
    name.unshift(w);
    // a name word followed by punctuation ends the name ("directeur, Stéphane Colin :")
    if (/[,;:]$/.test(words[i - 1] ?? '')) break;
  }
  // particles alone are not names
  while (name.length && !/^\p{Lu}/u.test(name[0])) name.shift();
  return name.join(' ');
}

/** "marie.dupont@…" -> "Marie Dupont", when the address spells a first and last name. */
function nameFromAddress(email: string): string {
  const parts = email
    .split('@')[0]
    .split(/[._-]/)
    .filter((p) => /^\p{L}{2,}$/u.test(p));
  if (parts.length < 2) return '';
  return parts.map((p) => p[0].toUpperCase() + p.slice(1)).join(' ');
}

export function extractReferral(text: string, senderAddress = ''): Referral | undefined {
  const head = text.slice(0, 4000);
  const sender = senderAddress.toLowerCase();
  for (const m of head.matchAll(EMAIL)) {
    const email = m[0].toLowerCase().replace(/\.$/, '');
    if (email === sender) continue;
    const name = nameBefore(head.slice(0, m.index)) || nameFromAddress(email);
    return { name, email };
  }
  const cue = CUE.exec(head);
  const name = cue?.[1]
    .trim()
    .split(/\s+/)
    .filter((w) => !NOT_NAME.has(w.toLowerCase()) && !TITLE.test(w))
    .join(' ');
  return name ? { name } : undefined;
}
