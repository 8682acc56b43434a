import { createInterface } from 'node:readline';
import type { Command } from '../command';
import { parseIntent } from '../../france/intent';

// Offline intent parsing from the shell; imports nothing from db/ or server/, so it starts fast.

const USAGE = [
  'usage: npm run --silent cli -- intent "<request>"      one JSON intent on one line',
  '       npm run --silent cli -- intent --jsonl < file    one request per line in, one JSON intent per line out',
  '       (--jsonl also accepts lines that are JSON objects with a "request" or "text" field)',
].join('\n');

/** A --jsonl input line: plain text, or a JSON object carrying the request (e.g. eval cases). */
function requestOf(line: string): string {
  const text = line.replace(/\r$/, '');
  if (text.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object') {
        const { request, text: body } = value as { request?: unknown; text?: unknown };
        if (typeof request === 'string') return request;
        if (typeof body === 'string') return body;
      }
    } catch {
      // not JSON: an ordinary request that happens to start with "{"
    }
  }
  return text;
}

/**
 * Streams stdin: every line is parsed as it arrives, and the answers of all lines available
 * at once are written in one call (fast for thousands of lines, still interactive).
 */
function streamJsonl(io: Parameters<Command['run']>[1]): Promise<number> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
    let pending: string[] = [];
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      if (pending.length) io.stdout(pending.join('\n'));
      pending = [];
    };
    rl.on('line', (line) => {
      pending.push(JSON.stringify(parseIntent(requestOf(line))));
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
    rl.on('close', () => {
      flush();
      resolve(0);
    });
    rl.on('error', reject);
  });
}

const intent: Command = {
  describe: 'parse a prospecting request offline (sector -> NAF codes, place -> INSEE codes, count, headcount)',
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    if (args.includes('--jsonl')) return streamJsonl(io);
    const words = args.filter((a) => a !== '--');
    if (words.length === 0) {
      io.stderr(USAGE);
      return 1;
    }
    io.stdout(JSON.stringify(parseIntent(words.join(' '))));
    return 0;
  },
};

export default intent;
