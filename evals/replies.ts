import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { z } from 'zod';
import { classifyRaw } from '../agents/replier/classify';
import { REPLY_CATEGORIES, ReplyClassificationSchema, type ReplyCategory } from '../agents/replier/state';

// `npm run evals -- replies`: the offline replier on evals/replies/cases-*.txt, raw RFC 5322
// messages written from real clients' formats (Gmail, Outlook, Apple Mail, mobile, Postfix,
// Exchange and Gmail DSNs, autoreplies), each after a line `#### <id> <expected JSON>`.
// Reports accuracy per category and overall, and apart on the held-out files (heldout-*.txt,
// written after the rules and not tuned on); the last line is one JSON object.

const TARGET = 0.9;
const here = path.dirname(fileURLToPath(import.meta.url));
const SEPARATOR = /^#### ([a-z0-9-]+) (\{.*\})\n/gm;

const ExpectedSchema = ReplyClassificationSchema.pick({ category: true, language: true, returnDate: true, referral: true });
/** `heldout`: written after the rules were, never tuned on (files heldout-*.txt). */
export type ReplyCase = { id: string; raw: string; expected: z.infer<typeof ExpectedSchema>; heldout: boolean };

export function loadReplyCases(dir = path.join(here, 'replies')): ReplyCase[] {
  const cases: ReplyCase[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /^(cases|heldout)-.*\.txt$/.test(f))
    .sort()) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const heads = [...text.matchAll(SEPARATOR)];
    heads.forEach((m, i) => {
      const start = (m.index ?? 0) + m[0].length;
      const end = heads[i + 1]?.index ?? text.length;
      const parsed = ExpectedSchema.safeParse(JSON.parse(m[2]));
      if (!parsed.success) throw new Error(`${file} ${m[1]}: ${parsed.error.issues[0]?.message}`);
      cases.push({ id: m[1], raw: text.slice(start, end), expected: parsed.data, heldout: file.startsWith('heldout-') });
    });
  }
  return cases;
}

type Tally = { n: number; hits: number };
const ratio = (t: Tally) => (t.n ? Math.round((t.hits / t.n) * 1000) / 1000 : null);

export default async function runRepliesEval(): Promise<{ passed: boolean }> {
  const cases = loadReplyCases();
  const perCategory = new Map<ReplyCategory, Tally>(REPLY_CATEGORIES.map((c) => [c, { n: 0, hits: 0 }]));
  const overall: Tally = { n: 0, hits: 0 };
  const heldout: Tally = { n: 0, hits: 0 };
  const language: Tally = { n: 0, hits: 0 };
  const returnDate: Tally = { n: 0, hits: 0 };
  const referral: Tally = { n: 0, hits: 0 };
  const started = performance.now();
  for (const c of cases) {
    const { classification: got } = await classifyRaw(c.raw);
    const tally = perCategory.get(c.expected.category) ?? { n: 0, hits: 0 };
    const ok = got.category === c.expected.category;
    tally.n++;
    overall.n++;
    if (c.heldout) heldout.n++;
    language.n++;
    if (ok) {
      tally.hits++;
      overall.hits++;
      if (c.heldout) heldout.hits++;
    } else process.stdout.write(`MISS ${c.id}: expected ${c.expected.category}, got ${got.category}\n`);
    if (got.language === c.expected.language) language.hits++;
    else process.stdout.write(`LANG ${c.id}: expected ${c.expected.language}, got ${got.language}\n`);
    if (c.expected.returnDate) {
      returnDate.n++;
      if (got.returnDate === c.expected.returnDate) returnDate.hits++;
      else process.stdout.write(`DATE ${c.id}: expected ${c.expected.returnDate}, got ${got.returnDate ?? 'none'}\n`);
    }
    if (c.expected.referral) {
      referral.n++;
      if (got.referral?.email === c.expected.referral.email && got.referral?.name === c.expected.referral.name) referral.hits++;
      else process.stdout.write(`REFERRAL ${c.id}: expected ${JSON.stringify(c.expected.referral)}, got ${JSON.stringify(got.referral ?? null)}\n`);
    }
  }
  const ms = performance.now() - started;
  for (const [category, t] of perCategory) process.stdout.write(`${category.padEnd(16)} ${t.hits}/${t.n}\n`);
  const accuracy = ratio(overall) ?? 0;
  process.stdout.write(
    `replies: ${overall.hits}/${overall.n} categories right, accuracy ${(accuracy * 100).toFixed(1)} % (target ${TARGET * 100} %), ${Math.round((overall.n / ms) * 1000)} messages/s\n`,
  );
  const report = {
    overall: accuracy,
    n: overall.n,
    heldout: ratio(heldout),
    heldoutN: heldout.n,
    perCategory: Object.fromEntries([...perCategory].map(([c, t]) => [c, ratio(t)])),
    language: ratio(language),
    returnDate: ratio(returnDate),
    referral: ratio(referral),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  return { passed: accuracy >= TARGET };
}
