import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IntentSchema } from '../../france/intent';
import { runCli } from '../../test/support/spawn';
import intent from './intent';

/** Runs the command in-process with captured output. */
async function run(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const input = new PassThrough();
  input.end(stdin);
  const code = await intent.run(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), stdin: input });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('cli intent', () => {
  it('prints one JSON intent on one line', async () => {
    const { code, stdout } = await run(['trouve-moi', '25 plombiers à Paris 15e']);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toHaveLength(1);
    const parsed = IntentSchema.parse(JSON.parse(stdout));
    expect(parsed).toMatchObject({ kind: 'prospect', count: 25, sectors: [{ naf: ['43.22A'] }], places: [{ code: '75115' }] });
  });

  it('streams --jsonl: one answer per input line, in order, blank lines included', async () => {
    const lines = ['plombiers à Lyon', '', 'find 5 roofers in Bordeaux', '{"request":"agences immobilières en Bretagne"}', 'bonjour'];
    const many = Array.from({ length: 2000 }, (_, i) => lines[i % lines.length]);
    const started = performance.now();
    const { code, stdout } = await run(['--jsonl'], `${many.join('\n')}\n`);
    expect(code).toBe(0);
    const answers = stdout.split('\n').map((l) => IntentSchema.parse(JSON.parse(l)));
    expect(answers).toHaveLength(2000);
    expect(answers.slice(0, 5).map((a) => a.kind)).toEqual(['prospect', 'other', 'prospect', 'prospect', 'other']);
    expect(answers[2]).toMatchObject({ language: 'en', count: 5 });
    expect(answers[3].places[0]).toMatchObject({ kind: 'region', code: '53' });
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('prints usage without a request', async () => {
    const { code, stderr } = await run([]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/usage/);
  });

  it('works through the real CLI entry point (npm run cli -- intent)', async () => {
    // one start of the real CLI (each costs a second or two): the argument form is covered in-process above
    const jsonl = await runCli(['intent', '--jsonl'], {}, 'find 5 roofers in Bordeaux\nplombiers lyon 7\ndans le Rhône\n');
    expect(jsonl.stderr, 'cli/main.ts must register the "intent" command').not.toMatch(/unknown command/);
    expect(jsonl.code).toBe(0);
    const out = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ kind: 'prospect', language: 'en', count: 5 });
    expect(out[1].places[0].code).toBe('69387');
  });
});
