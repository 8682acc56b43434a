import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

// A real SMTP server on 127.0.0.1 for tests and benchmarks (the `smtp-server` package):
// requires AUTH when credentials are given, records every message raw, and can refuse
// recipients temporarily (451) or for good (550) by address prefix. It can also stall like a
// hung recipient server: a recipient whose address starts with `stall` waits at RCPT until
// `releaseStalled()`, and `stall` makes one message in every 100/percent wait `ms` before
// answering RCPT TO (nothing sent yet) or the end of DATA (the message was transmitted).
export type ReceivedMail = {
  raw: string;
  from: string;
  to: string[];
  headers: Map<string, string>;
  /** decoded text/plain part */
  text: string;
  /** decoded text/calendar part, if any */
  calendar: string | null;
};

export type StallOptions = { percent: number; ms: number; at: 'rcpt' | 'data' };

export type SmtpSink = {
  port: number;
  received: ReceivedMail[];
  /** how many commands were stalled so far (by `stall` or a `stall…` address) */
  stalled: () => number;
  /** answers every RCPT held for a `stall…` address */
  releaseStalled: () => void;
  /** Message-ID → how many times it arrived */
  counts: () => Map<string, number>;
  close: () => Promise<void>;
};

export async function startSmtpSink(opts: { user?: string; password?: string; parse?: boolean; stall?: StallOptions } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const byId = new Map<string, number>();
  const held: (() => void)[] = [];
  let stalled = 0;
  let seen = 0;
  // deterministic (every k-th command), so a run stalls the same share every time
  const every = opts.stall && opts.stall.percent > 0 ? Math.max(1, Math.round(100 / opts.stall.percent)) : 0;
  const stallNow = (at: StallOptions['at']) => {
    if (!every || opts.stall!.at !== at || ++seen % every !== 0) return false;
    stalled++;
    return true;
  };
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const server = new SMTPServer({
    secure: false,
    hideSTARTTLS: true,
    authOptional: !opts.user,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.password) return cb(null, { user: auth.username });
      const err = Object.assign(new Error('Invalid username or password'), { responseCode: 535 });
      return cb(err);
    },
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('soft-fail')) return cb(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
      if (address.address.startsWith('hard-fail')) return cb(Object.assign(new Error('no such user here'), { responseCode: 550 }));
      if (address.address.startsWith('stall')) {
        stalled++;
        held.push(() => cb());
        return;
      }
      if (stallNow('rcpt')) return later(opts.stall!.ms, () => cb());
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = opts.parse === false ? lightParse(raw) : parseMail(raw);
        mail.from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mail.to = session.envelope.rcptTo.map((r) => r.address);
        const id = mail.headers.get('message-id') ?? '';
        // a stalled answer after DATA: the message counts as delivered once the server answers,
        // even if the client gave up meanwhile (the uncertain case)
        const accept = () => {
          received.push(mail);
          byId.set(id, (byId.get(id) ?? 0) + 1);
          cb();
        };
        if (stallNow('data')) later(opts.stall!.ms, accept);
        else accept();
      });
    },
  });
  // a client killed mid-session resets its socket: expected in the SIGKILL tests
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    counts: () => new Map(byId),
    stalled: () => stalled,
    releaseStalled: () => {
      for (const release of held.splice(0)) release();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const release of held.splice(0)) release();
        server.close(() => resolve());
      }),
  };
}

function lightParse(raw: string): ReceivedMail {
  const m = /^message-id:\s*(.+)$/im.exec(raw);
  return { raw: '', from: '', to: [], headers: new Map(m ? [['message-id', m[1].trim()]] : []), text: '', calendar: null };
}

function splitHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
        bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(soft[i], 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

type Part = { headers: Map<string, string>; body: string };

function parts(headers: Map<string, string>, body: string): Part[] {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return [{ headers, body }];
  const out: Part[] = [];
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const sep = chunk.search(/\r?\n\r?\n/);
    const h = splitHeaders(chunk.slice(0, sep).replace(/^\r?\n/, ''));
    out.push(
      ...parts(
        h,
        chunk
          .slice(sep)
          .replace(/^\r?\n\r?\n/, '')
          .replace(/\r?\n$/, ''),
      ),
    );
  }
  return out;
}

export function parseMail(raw: string): ReceivedMail {
  const sep = raw.search(/\r?\n\r?\n/);
  const headers = splitHeaders(raw.slice(0, sep));
  const all = parts(headers, raw.slice(sep).replace(/^\r?\n\r?\n/, ''));
  const pick = (t: string) => all.find((p) => (p.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(t));
  const text = pick('text/plain');
  const cal = pick('text/calendar') ?? pick('application/ics');
  return {
    raw,
    from: '',
    to: [],
    headers,
    text: text ? decodeBody(text.body, text.headers.get('content-transfer-encoding')).replace(/\r\n/g, '\n') : '',
    calendar: cal ? decodeBody(cal.body, cal.headers.get('content-transfer-encoding')) : null,
  };
}
