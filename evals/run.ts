import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// `npm run evals -- NAME`: each eval set is evals/NAME.ts and default-exports
// `() => Promise<{ passed: boolean }>` after printing its own report.
export type EvalRun = () => Promise<{ passed: boolean }>;

const here = path.dirname(fileURLToPath(import.meta.url));
const [name] = process.argv.slice(2);
if (!name || !/^[a-z-]+$/.test(name) || !existsSync(path.join(here, `${name}.ts`))) {
  process.stderr.write(`usage: npm run evals -- NAME\n`);
  process.exit(1);
}
const mod = (await import(`./${name}.ts`)) as { default: EvalRun };
const { passed } = await mod.default();
process.exit(passed ? 0 : 1);
