import { readFile } from 'node:fs/promises';
import { classifyRaw } from '../../agents/replier/classify';
import type { Command } from '../command';

// Offline reply understanding from the shell: parses an .eml file and classifies it (headers
// first, then the rules). Imports nothing from db/ or server/, so it starts fast.

const USAGE = [
  'usage: npm run --silent cli -- reply classify FILE.eml [--json]',
  '       --json: one JSON object on the last line {"category","language","returnDate"?,"referral"?,"inReplyTo"?}',
].join('\n');

const reply: Command = {
  describe:
    'classify a reply (.eml) offline: interested, meeting_request, question, not_interested, not_now, unsubscribe, wrong_person, out_of_office, auto_reply, bounce_hard, bounce_soft, other',
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    const [sub, ...rest] = args.filter((a) => a !== '--');
    const files = rest.filter((a) => !a.startsWith('--'));
    if (sub !== 'classify' || files.length !== 1) {
      io.stderr(USAGE);
      return 1;
    }
    let raw: Buffer;
    try {
      raw = await readFile(files[0]);
    } catch (err) {
      io.stderr(`cannot read ${files[0]}: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
    const { message, automatic, classification } = await classifyRaw(raw);
    if (message.parseError) io.stderr(`parse error: ${message.parseError}`);
    if (!rest.includes('--json')) {
      io.stdout(`category: ${classification.category}`);
      io.stdout(`language: ${classification.language}`);
      if (automatic) io.stdout(`automatic: ${automatic.signal}`);
      if (classification.returnDate) io.stdout(`return date: ${classification.returnDate}`);
      if (classification.referral) io.stdout(`referral: ${classification.referral.name} <${classification.referral.email ?? ''}>`);
      if (classification.inReplyTo) io.stdout(`in reply to: ${classification.inReplyTo}`);
      return 0;
    }
    io.stdout(JSON.stringify(classification));
    return 0;
  },
};

export default reply;
