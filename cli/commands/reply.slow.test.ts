import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/spawn';

describe('cli reply classify (the real entry point)', () => {
  it('is registered in cli/main.ts and prints JSON on the last line, without a database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-reply-cli-'));
    try {
      const file = path.join(dir, 'reply.eml');
      writeFileSync(file, 'From: p@x.fr\r\nSubject: Re: Offre\r\nDate: Mon, 4 Jan 2027 10:00:00 +0100\r\nIn-Reply-To: <act_1@relais>\r\n\r\nMerci de ne plus me contacter.\r\n');
      // a data directory that does not exist: the command must not open a database
      const { code, stdout, stderr } = await runCli(['reply', 'classify', file, '--json'], { RELAIS_DATA_DIR: path.join(dir, 'none') });
      expect(stderr, 'cli/main.ts must register the "reply" command').not.toMatch(/unknown command/);
      expect(code).toBe(0);
      const last = stdout.trim().split('\n').pop() ?? '';
      expect(JSON.parse(last)).toEqual({ category: 'unsubscribe', language: 'fr', inReplyTo: '<act_1@relais>' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
