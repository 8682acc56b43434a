import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOVECOT_MISSING, type Dovecot, dovecotAvailable, generatedMessage, startDovecot } from '../../test/support/dovecot';
import { ImapError, type ImapSyncState, type InboundRawMessage, syncMailbox, testImap, watchMailbox } from './imap';

// channels/inbound/imap against a real Dovecot (test/support/dovecot.ts): incremental sync by
// UID, UIDVALIDITY, messages that fail alone, raw bytes kept as they are, large messages, the
// connection test, and the IDLE watcher across a server restart and a silent server.
if (!dovecotAvailable) console.warn(`[imap] ${DOVECOT_MISSING}`);

const FRESH: ImapSyncState = { uidValidity: null, lastUid: 0 };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const crlf = (lines: string[]) => lines.join('\r\n');

let d: Dovecot;
// anything the process would otherwise crash on (an 'error' event nobody listens to, a rejection nobody awaits)
const unhandled: unknown[] = [];
const onUnhandled = (err: unknown) => unhandled.push(err);

async function collect(settings: ReturnType<Dovecot['settings']>, state: ImapSyncState, opts: Parameters<typeof syncMailbox>[3] = {}) {
  const got: InboundRawMessage[] = [];
  const r = await syncMailbox(settings, state, async (m) => void got.push(m), opts);
  return { ...r, got };
}

async function folder(name: string) {
  await d.withClient((c) => c.mailboxCreate(name));
  return d.settings({ mailbox: name });
}

async function until(check: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!dovecotAvailable)('IMAP sync against Dovecot', () => {
  beforeAll(async () => {
    process.on('uncaughtException', onUnhandled);
    process.on('unhandledRejection', onUnhandled);
    d = await startDovecot();
  });
  afterAll(async () => {
    process.off('uncaughtException', onUnhandled);
    process.off('unhandledRejection', onUnhandled);
    await d?.close();
  });

  it('delivers every message once: a first sync, a second one with nothing new, then only the new ones', async () => {
    const raws = [1, 2, 3].map((i) => Buffer.from(generatedMessage(i)));
    for (const raw of raws) await d.append(raw);
    const first = await collect(d.settings(), FRESH);
    expect(first.fetched).toBe(3);
    expect(first.failed).toEqual([]);
    expect(first.resynced).toBe(false);
    expect(first.got.map((m) => m.uid)).toEqual([1, 2, 3]);
    expect(first.got.map((m) => m.raw.equals(raws[m.uid - 1]))).toEqual([true, true, true]);
    expect(first.got.every((m) => m.internalDate instanceof Date)).toBe(true);
    expect(first.state).toEqual({ uidValidity: expect.stringMatching(/^\d+$/), lastUid: 3 });

    const second = await collect(d.settings(), first.state);
    expect(second).toMatchObject({ fetched: 0, failed: [], resynced: false, state: first.state });

    await d.append(generatedMessage(4));
    await d.append(generatedMessage(5));
    const third = await collect(d.settings(), second.state);
    expect(third.got.map((m) => m.uid)).toEqual([4, 5]);
    expect(third.state.lastUid).toBe(5);
  });

  it('reads everything again from UID 1 when UIDVALIDITY changes (the folder was deleted and recreated)', async () => {
    const s = await folder('Reprise');
    for (const i of [1, 2]) await d.append(generatedMessage(i), { mailbox: 'Reprise' });
    const before = await collect(s, FRESH);
    expect(before.state.lastUid).toBe(2);

    await d.withClient(async (c) => {
      await c.mailboxDelete('Reprise');
      await c.mailboxCreate('Reprise');
    });
    for (const i of [10, 11, 12]) await d.append(generatedMessage(i), { mailbox: 'Reprise' });
    const after = await collect(s, before.state);
    expect(after.state.uidValidity).not.toBe(before.state.uidValidity);
    expect(after.resynced).toBe(true);
    // UIDs 1 and 2 again: without the UIDVALIDITY check they would have been taken as already read
    expect(after.got.map((m) => m.uid)).toEqual([1, 2, 3]);
    expect(after.got.map((m) => m.raw.toString())).toEqual([10, 11, 12].map(generatedMessage));
    expect(after.state.lastUid).toBe(3);
  });

  it('reports a message whose delivery fails and delivers the rest, in batches, with checkpoints', async () => {
    const s = await folder('Lot');
    for (let i = 1; i <= 5; i++) await d.append(generatedMessage(i), { mailbox: 'Lot' });
    const delivered: number[] = [];
    const checkpoints: number[] = [];
    const r = await syncMailbox(
      s,
      FRESH,
      async (m) => {
        if (m.uid === 3) throw new Error('database unavailable');
        delivered.push(m.uid);
      },
      { batch: 2, checkpoint: (st) => void checkpoints.push(st.lastUid) },
    );
    expect(delivered).toEqual([1, 2, 4, 5]);
    expect(r.failed).toEqual([{ uid: 3, error: 'database unavailable' }]);
    expect(r.fetched).toBe(4);
    expect(r.state.lastUid).toBe(5);
    expect(checkpoints).toEqual([2, 4, 5]);
    // a reported failure is not retried by the next sync: the caller has it in `failed`
    expect((await collect(s, r.state)).fetched).toBe(0);
  });

  it('reports a message the server can no longer give (its file vanished mid-sync) and goes on', async () => {
    const s = await folder('Disparu');
    for (let i = 1; i <= 3; i++) await d.append(generatedMessage(i), { mailbox: 'Disparu' });
    const dir = path.join(d.dir, 'home/relais/Maildir/.Disparu');
    // dovecot-uidlist lines: "<uid> [fields] :<base file name>"
    const line = readFileSync(path.join(dir, 'dovecot-uidlist'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('2 '))!;
    const base = line.slice(line.indexOf(':') + 1);
    const delivered: number[] = [];
    const r = await syncMailbox(
      s,
      FRESH,
      async (m) => {
        delivered.push(m.uid);
        // after UID 1 is read and before UID 2 is fetched (one message a batch)
        if (m.uid === 1) {
          for (const sub of ['cur', 'new']) for (const f of readdirSync(path.join(dir, sub))) if (f.startsWith(base)) rmSync(path.join(dir, sub, f));
        }
      },
      { batch: 1 },
    );
    expect(delivered).toEqual([1, 3]);
    expect(r.failed.map((f) => f.uid)).toEqual([2]);
    expect(r.failed[0]!.error).not.toBe('');
    expect(r.state.lastUid).toBe(3);
  });

  it('delivers malformed MIME as the exact bytes the server holds', async () => {
    const s = await folder('Casse');
    const broken = [
      // headers without a body separator, a header line with no colon, bytes that are not UTF-8
      Buffer.concat([
        Buffer.from(crlf(['From: <<broken@@example.fr', 'Subject: =?utf-8?B?not base64!?=', 'this is not a header', 'X-Bytes: '])),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from('\r\n'),
      ]),
      // a multipart whose boundary never comes and whose base64 is invalid
      Buffer.from(
        crlf([
          'From: a@example.fr',
          'Subject: multipart cassé',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="nowhere"',
          '',
          '--elsewhere',
          'Content-Type: application/pdf',
          'Content-Transfer-Encoding: base64',
          '',
          '%%%% not base64 %%%%',
          '',
        ]),
      ),
    ];
    for (const raw of broken) await d.append(raw, { mailbox: 'Casse' });
    const r = await collect(s, FRESH);
    expect(r.failed).toEqual([]);
    expect(r.got.map((m) => m.raw.equals(broken[m.uid - 1]!))).toEqual([true, true]);
  });

  it('brings a 10 MB message with attachments whole', async () => {
    const s = await folder('Gros');
    const attachment = (name: string, bytes: Buffer) => [
      '--b0undary',
      `Content-Type: application/octet-stream; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      ...(bytes.toString('base64').match(/.{1,76}/g) ?? []),
    ];
    const raw = Buffer.from(
      crlf([
        'From: Client <client@example.fr>',
        'To: relais@example.fr',
        'Subject: Les pièces demandées',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b0undary"',
        '',
        '--b0undary',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Voici les documents.',
        ...attachment('plans.pdf', randomBytes(4_000_000)),
        ...attachment('photos.zip', randomBytes(3_600_000)),
        '--b0undary--',
        '',
      ]),
    );
    expect(raw.length).toBeGreaterThan(10_000_000);
    await d.append(raw, { mailbox: 'Gros' });
    const r = await collect(s, FRESH);
    expect(r.got).toHaveLength(1);
    expect(r.got[0]!.raw.length).toBe(raw.length);
    expect(sha(r.got[0]!.raw)).toBe(sha(raw));
  });

  it('stops between messages on abort and returns the progress so far', async () => {
    const s = await folder('Stop');
    for (let i = 1; i <= 4; i++) await d.append(generatedMessage(i), { mailbox: 'Stop' });
    const ac = new AbortController();
    const delivered: number[] = [];
    const stopped = await syncMailbox(
      s,
      FRESH,
      async (m) => {
        delivered.push(m.uid);
        if (m.uid === 2) ac.abort();
      },
      { signal: ac.signal },
    );
    expect(delivered).toEqual([1, 2]);
    expect(stopped.state.lastUid).toBe(2);
    expect((await collect(s, stopped.state)).got.map((m) => m.uid)).toEqual([3, 4]);
  });

  it('says clearly when the password is wrong, TLS is missing or the folder cannot be selected', async () => {
    expect(await testImap(d.settings())).toEqual({ ok: true });

    const wrong = d.settings({ password: 'not-the-password' });
    const t = await testImap(wrong);
    expect(t.ok).toBe(false);
    expect(!t.ok && t.error).toMatch(/^IMAP authentication failed for relais on 127\.0\.0\.1:\d+: .*AUTHENTICATIONFAILED/);
    const err = await syncMailbox(wrong, FRESH, async () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImapError);
    expect((err as ImapError).kind).toBe('auth');
    expect((err as ImapError).message).toBe(!t.ok && t.error);
    expect((err as ImapError).state).toEqual(FRESH);

    // by default the password only goes over TLS: this Dovecot offers no STARTTLS
    const tls = d.settings({ noTls: false });
    expect(await testImap(tls)).toEqual({ ok: false, error: expect.stringMatching(/^TLS required \(STARTTLS or implicit TLS\)/) });
    await expect(syncMailbox(tls, FRESH, async () => {})).rejects.toMatchObject({ kind: 'tls' });

    const missing = d.settings({ mailbox: 'Nulle part' });
    expect(await testImap(missing)).toEqual({ ok: false, error: expect.stringMatching(/^the IMAP folder "Nulle part" does not exist/) });
    await expect(syncMailbox(missing, FRESH, async () => {})).rejects.toMatchObject({ kind: 'mailbox' });

    const refused = await testImap({ ...d.settings(), port: await closedPort() });
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/^cannot reach the IMAP server 127\.0\.0\.1:\d+/) });
  });

  it('gives up on a server that never answers within the test timeout', async () => {
    const silent = await fakeServer('greet-then-silent');
    try {
      const r = await testImap({ ...d.settings(), port: silent.port }, { timeoutMs: 500 });
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/no answer/) });
    } finally {
      await silent.close();
    }
  });

  it('watches with IDLE: a new message calls onNew, also after a server restart, and abort stops it', async () => {
    const s = await folder('Veille');
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const selected = () => lines.filter((l) => l.includes('IMAP watch: idling')).length;
    let hints = 0;
    const ac = new AbortController();
    // no poll during the test: only IDLE (and the catch-up after a reconnection) may call onNew
    const watching = watchMailbox(s, () => hints++, { signal: ac.signal, pollMs: 600_000, logger, backoff: { minMs: 100, maxMs: 1_000 } });
    try {
      await until(() => selected() === 1, 10_000, 'the watcher to select the folder');
      expect(hints).toBe(0);
      await d.append(generatedMessage(1), { mailbox: 'Veille' });
      await until(() => hints === 1, 10_000, 'onNew for a message appended while idling');

      await d.restart();
      await until(() => selected() === 2, 20_000, 'the watcher to reconnect after the restart');
      // mail may have come while it was away: one hint on reconnection
      await until(() => hints === 2, 5_000, 'the catch-up hint');
      await d.append(generatedMessage(2), { mailbox: 'Veille' });
      await until(() => hints === 3, 10_000, 'onNew for a message appended after the restart');
      expect(lines.some((l) => l.includes('reconnecting'))).toBe(true);

      const synced = await collect(s, FRESH);
      expect(synced.got.map((m) => m.raw.toString())).toEqual([generatedMessage(1), generatedMessage(2)]);
    } finally {
      ac.abort();
      await watching;
    }
  });

  it('reconnects when an IDLE connection goes silent (watchdog), never throwing', async () => {
    const silent = await fakeServer('silent-in-idle');
    const ac = new AbortController();
    try {
      const watching = watchMailbox({ ...d.settings(), port: silent.port }, () => {}, { signal: ac.signal, pollMs: 0, idleWatchdogMs: 300, backoff: { minMs: 50, maxMs: 200 } });
      await until(() => silent.idles() >= 2, 15_000, 'a second IDLE on a new connection after the first went silent');
      ac.abort();
      await watching;
    } finally {
      ac.abort();
      await silent.close();
    }
  });

  it('polls with STATUS when IDLE misses new mail', async () => {
    const deaf = await fakeServer('idle-deaf');
    let hints = 0;
    const ac = new AbortController();
    try {
      const watching = watchMailbox({ ...d.settings(), port: deaf.port }, () => hints++, { signal: ac.signal, pollMs: 150, backoff: { minMs: 50, maxMs: 200 } });
      // the fake's UIDNEXT grows at every STATUS, while IDLE never reports anything
      await until(() => hints >= 2, 10_000, 'onNew from the poll');
      // each poll breaks IDLE for its STATUS, and IDLE starts again on the same connection
      expect(deaf.connections()).toBe(1);
      expect(deaf.idles()).toBeGreaterThanOrEqual(2);
      ac.abort();
      await watching;
    } finally {
      ac.abort();
      await deaf.close();
    }
  });

  it('keeps retrying with backoff when the password is refused, and stops on abort', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const ac = new AbortController();
    const watching = watchMailbox(d.settings({ password: 'not-the-password' }), () => {}, { signal: ac.signal, logger, backoff: { minMs: 50, maxMs: 100 } });
    await until(() => lines.filter((l) => l.includes('IMAP authentication failed')).length >= 2, 10_000, 'two refused logins');
    ac.abort();
    await watching;
  });

  it('never let an error escape to the process', () => {
    expect(unhandled).toEqual([]);
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A fake IMAP server that misbehaves: 'greet-then-silent' greets and never answers a command;
 * 'silent-in-idle' logs in, selects an empty folder, accepts IDLE and then never says anything;
 * 'idle-deaf' idles without ever reporting new mail, while its STATUS shows UIDNEXT growing.
 */
async function fakeServer(mode: 'greet-then-silent' | 'silent-in-idle' | 'idle-deaf') {
  let idles = 0;
  let connections = 0;
  let uidNext = 1;
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((sock) => {
    sockets.add(sock);
    connections++;
    let idleTag = '';
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    sock.write('* OK [CAPABILITY IMAP4rev1 IDLE] fake ready\r\n');
    if (mode === 'greet-then-silent') return;
    let buf = '';
    let mute = false;
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (mute) continue;
        if (idleTag && line === 'DONE') {
          sock.write(`${idleTag} OK IDLE done\r\n`);
          idleTag = '';
          continue;
        }
        const [tag = '', cmd = ''] = line.split(' ');
        const c = cmd.toUpperCase();
        if (c === 'IDLE') {
          idles++;
          sock.write('+ idling\r\n');
          if (mode === 'silent-in-idle') mute = true;
          else idleTag = tag;
        } else if (c === 'STATUS') {
          sock.write(`* STATUS INBOX (UIDNEXT ${++uidNext} UIDVALIDITY 7)\r\n${tag} OK done\r\n`);
        } else if (c === 'SELECT' || c === 'EXAMINE') {
          sock.write(`* 0 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 1] ok\r\n${tag} OK [READ-ONLY] done\r\n`);
        } else if (c === 'CAPABILITY') {
          sock.write(`* CAPABILITY IMAP4rev1 IDLE\r\n${tag} OK done\r\n`);
        } else if (c === 'LOGOUT') {
          sock.end(`* BYE\r\n${tag} OK done\r\n`);
        } else {
          sock.write(`${tag} OK done\r\n`);
        }
      }
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as net.AddressInfo).port,
    idles: () => idles,
    connections: () => connections,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  };
}
