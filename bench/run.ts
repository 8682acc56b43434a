import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// `npm run bench -- NAME [--json]`: each benchmark is bench/NAME.ts and default-exports
// `(opts) => Promise<Record<string, unknown>>`; with --json the result is the last stdout line.
export type BenchOptions = { json: boolean; args: string[]; log: (line: string) => void };
export type Bench = (opts: BenchOptions) => Promise<Record<string, unknown>>;

const here = path.dirname(fileURLToPath(import.meta.url));
const [name, ...rest] = process.argv.slice(2);
if (!name || !/^[a-z-]+$/.test(name) || !existsSync(path.join(here, `${name}.ts`))) {
  process.stderr.write(`usage: npm run bench -- NAME [--json]\n`);
  process.exit(1);
}
const json = rest.includes('--json');
const log = (line: string) => process.stderr.write(`${line}\n`);
const mod = (await import(`./${name}.ts`)) as { default: Bench };
const result = await mod.default({ json, args: rest.filter((a) => a !== '--json'), log });
process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
process.exit(0);
