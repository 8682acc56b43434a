import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ReplyClassificationSchema } from '../../agents/replier/state';
import reply from './reply';

const dir = mkdtempSync(path.join(tmpdir(), 'relais-reply-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function eml(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\r\n'));
  return file;
}

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const input = new PassThrough();
  input.end();
  const code = await reply.run(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), stdin: input });
  return { code, stdout: out, stderr: err.join('\n') };
}

const WRONG_PERSON = eml('wrong.eml', [
  'From: Jacques <jacques@dupont.fr>',
  'To: camille@atelier.fr',
  'Subject: Re: Offre',
  'Date: Tue, 29 Dec 2026 09:00:00 +0100',
  'In-Reply-To: <act_9.relais@atelier.fr>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  "Ce n'est pas moi qui m'occupe de ça. Contactez plutôt Marie Dupont (marie.dupont@dupont.fr).",
  '',
]);

describe('cli reply classify', () => {
  it('prints the classification as JSON on the last line', async () => {
    const { code, stdout } = await run(['classify', WRONG_PERSON, '--json']);
    expect(code).toBe(0);
    const last = ReplyClassificationSchema.parse(JSON.parse(stdout[stdout.length - 1]));
    expect(last).toEqual({ category: 'wrong_person', language: 'fr', referral: { name: 'Marie Dupont', email: 'marie.dupont@dupont.fr' }, inReplyTo: '<act_9.relais@atelier.fr>' });
  });

  it('prints an out-of-office return date', async () => {
    const file = eml('ooo.eml', [
      'From: a@b.com',
      'Subject: Automatic reply: Offer',
      'Date: Mon, 4 Jan 2027 09:00:00 +0000',
      'Auto-Submitted: auto-replied',
      '',
      "I'm out of the office until 12/01/2027.",
    ]);
    const { stdout } = await run(['classify', file, '--json']);
    expect(JSON.parse(stdout[stdout.length - 1])).toEqual({ category: 'out_of_office', language: 'en', returnDate: '2027-01-12' });
  });

  it('a malformed file is category other, with the parse error on stderr', async () => {
    const file = eml('bad.eml', ['\u0000\u0001 nothing here']);
    const { code, stdout, stderr } = await run(['classify', file, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout[stdout.length - 1]).category).toBe('other');
    expect(stderr).toMatch(/parse error/);
  });

  it('prints a readable summary without --json', async () => {
    const { stdout } = await run(['classify', WRONG_PERSON]);
    expect(stdout).toContain('category: wrong_person');
  });

  it('answers usage and missing files with exit code 1', async () => {
    expect((await run([])).code).toBe(1);
    expect((await run(['classify'])).code).toBe(1);
    const missing = await run(['classify', path.join(dir, 'nope.eml'), '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
  });
});
