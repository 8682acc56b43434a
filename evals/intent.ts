import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseIntent } from '../france/intent';
import { IntentCaseSchema, intentDifferences, type IntentCase } from './intent/compare';

// `npm run evals -- intent`: exact-match accuracy of the offline intent parser on
// evals/intent/cases.jsonl (FR/EN requests, typos, arrondissements, départements, régions,
// counts, headcounts, non-prospecting messages).

const TARGET = 0.95;
const here = path.dirname(fileURLToPath(import.meta.url));

export function loadIntentCases(file = path.join(here, 'intent', 'cases.jsonl')): IntentCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      const parsed = IntentCaseSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`cases.jsonl:${n}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

export default async function runIntentEval(): Promise<{ passed: boolean }> {
  const cases = loadIntentCases();
  let hits = 0;
  for (const c of cases) {
    const diffs = intentDifferences(parseIntent(c.request), c.expected);
    if (diffs.length === 0) {
      hits++;
      continue;
    }
    process.stdout.write(`MISS ${JSON.stringify(c.request)}\n${diffs.map((d) => `  ${d}`).join('\n')}\n`);
  }
  const accuracy = cases.length ? hits / cases.length : 0;
  process.stdout.write(`intent: ${hits}/${cases.length} exact matches, accuracy ${(accuracy * 100).toFixed(1)} % (target ${TARGET * 100} %)\n`);
  return { passed: accuracy >= TARGET };
}
