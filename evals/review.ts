import { createReviewer } from '../agents/reviewer/graph';
import { PROFILE } from '../test/teammates/leads';
import { loadConfig } from '../lib/config';
import { logger } from '../lib/log';
import { modelFromConfig } from '../graph/model/from-config';
import { reviewCases } from './review/cases';

// `npm run evals -- review`: recall on seeded-defect drafts and false-alarm rate on clean ones,
// for the deterministic reviewer — and with OPENAI_API_KEY set, for the reviewer with the
// model's critique as well.

const RECALL_TARGET = 0.95;
const FALSE_ALARM_TARGET = 0.05;

export default async function runReviewEval(): Promise<{ passed: boolean }> {
  const cases = reviewCases();
  const model = modelFromConfig(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
  const modes = model ? ([null, model] as const) : ([null] as const);
  let passed = true;
  for (const m of modes) {
    const label = m ? `deterministic + model critique (${m.name})` : 'deterministic checks (offline)';
    let caught = 0;
    let alarms = 0;
    const defects = cases.filter((c) => c.kind === 'defect');
    const clean = cases.filter((c) => c.kind === 'clean');
    for (const c of cases) {
      const r = await createReviewer(m)({ draft: c.draft, facts: c.facts, profile: PROFILE, language: c.lang }).catch((err: unknown) => {
        logger.warn({ err: err instanceof Error ? err.message : String(err), id: c.id }, 'review failed');
        return null;
      });
      const flagged = r?.verdict === 'revise';
      if (c.kind === 'defect' && flagged) caught++;
      if (c.kind === 'defect' && !flagged) process.stdout.write(`MISSED ${c.id} (${c.defect}, ${c.lang})\n`);
      if (c.kind === 'clean' && flagged) {
        alarms++;
        process.stdout.write(`FALSE ALARM ${c.id}: ${r?.notes.map((n) => n.message).join(' | ')}\n`);
      }
    }
    const recall = caught / defects.length;
    const falseAlarms = alarms / clean.length;
    const ok = recall >= RECALL_TARGET && falseAlarms <= FALSE_ALARM_TARGET;
    passed &&= ok;
    process.stdout.write(
      `review [${label}]: ${defects.length} seeded-defect drafts (${new Set(defects.map((d) => d.defect)).size} kinds), ${clean.length} clean — recall ${(recall * 100).toFixed(1)} % (target ≥ ${RECALL_TARGET * 100} %), false alarms ${(falseAlarms * 100).toFixed(1)} % (target ≤ ${FALSE_ALARM_TARGET * 100} %) ${ok ? 'PASS' : 'FAIL'}\n`,
    );
  }
  return { passed };
}
