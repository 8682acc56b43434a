import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import type { ImapSettings } from '../../channels/inbound/imap';

// A real IMAP server for tests and benchmarks: Debian's Dovecot (`dovecot-imapd`, installed by
// .ci/run), started on a free loopback port with its whole configuration, state and maildir in a
// temp dir, one passwd-file user and plaintext IMAP (no TLS on loopback). Messages go in through
// IMAP APPEND, like a real MTA delivery as seen from the client side.
export const DOVECOT = '/usr/sbin/dovecot';
export const dovecotAvailable = existsSync(DOVECOT);
export const DOVECOT_MISSING = `${DOVECOT} is missing: install it with "apt-get install -y dovecot-imapd" — the IMAP tests are skipped`;

export const DOVECOT_USER = 'relais';
export const DOVECOT_PASSWORD = 'secret';

export type Dovecot = {
  port: number;
  /** the temp dir holding config, state, logs and the maildir */
  dir: string;
  /** settings for channels/inbound/imap (plaintext on loopback: noTls) */
  settings: (over?: Partial<ImapSettings>) => ImapSettings;
  /** IMAP APPEND of one message; resolves with its UID */
  append: (raw: string | Buffer, opts?: { flags?: string[]; mailbox?: string; date?: Date }) => Promise<number>;
  /** runs `fn` on a fresh logged-in client, then logs out */
  withClient: <T>(fn: (c: ImapFlow) => Promise<T>) => Promise<T>;
  /** the server's log so far (for failure messages) */
  log: () => string;
  /** stops the server and starts it again on the same port, config and maildir */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** stops the server and removes its temp dir */
  close: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** resolves once the port answers with an IMAP greeting */
async function waitForGreeting(port: number, child: ChildProcess, log: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`dovecot exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      const done = (v: boolean) => {
        s.destroy();
        resolve(v);
      };
      s.setTimeout(1000, () => done(false));
      s.once('error', () => done(false));
      s.once('data', (d) => done(d.toString().startsWith('* OK')));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function config(dir: string, port: number): string {
  return `# written by test/support/dovecot.ts
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# a wrong-password test must not slow down the next logins: no 2 s failure delay, and no anvil
# penalty (a growing delay for every login from the IP; login_trusted_networks does not lift it)
auth_failure_delay = 0
first_valid_uid = 0
mail_location = maildir:${dir}/home/%u/Maildir
# a test server: no fsync (the 5,000-message bench appends fast)
mail_fsync = never
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
}

/** Starts Dovecot in a temp dir. Call `close()` when done. */
export async function startDovecot(): Promise<Dovecot> {
  if (!dovecotAvailable) throw new Error(DOVECOT_MISSING);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-dovecot-'));
  // the dovecot user (imap processes, auth) must reach the maildir and passwd file under it
  chmodSync(dir, 0o755);
  for (const d of ['run', 'state', 'home']) mkdirSync(path.join(dir, d));
  writeFileSync(path.join(dir, 'passwd'), `${DOVECOT_USER}:{PLAIN}${DOVECOT_PASSWORD}\n`, { mode: 0o644 });
  const uid = Number(readId('dovecot', 'uid'));
  const gid = Number(readId('dovecot', 'gid'));
  chownSync(path.join(dir, 'home'), uid, gid);
  const port = await freePort();
  writeFileSync(path.join(dir, 'dovecot.conf'), config(dir, port));
  const logFile = path.join(dir, 'dovecot.log');
  let child: ChildProcess | null = null;
  let output = '';
  const log = () => `${output}${existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : ''}`;
  // Dovecot runs in its own process group: its imap processes outlive a SIGTERM to the master by
  // seconds (they notice it gone later), and a real restart (systemd) ends the whole group at once
  const signalGroup = (c: ChildProcess, sig: NodeJS.Signals | 0) => {
    try {
      process.kill(-(c.pid ?? 0), sig);
      return true;
    } catch {
      return false; // no process left in the group (0 only asks)
    }
  };
  // a test process that dies must not leave a server behind
  const killOnExit = () => {
    if (child) signalGroup(child, 'SIGKILL');
  };
  process.once('exit', killOnExit);

  const start = async () => {
    const c = spawn(DOVECOT, ['-c', path.join(dir, 'dovecot.conf'), '-F'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    c.stdout?.on('data', (d) => (output += d));
    c.stderr?.on('data', (d) => (output += d));
    c.on('error', (err) => (output += `spawn error: ${err.message}\n`));
    child = c;
    await waitForGreeting(port, c, log);
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c?.pid) return;
    signalGroup(c, 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while (signalGroup(c, 0)) {
      if (Date.now() > deadline) {
        signalGroup(c, 'SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (c.exitCode === null && c.signalCode === null) await new Promise((r) => c.once('exit', r));
  };

  const settings = (over: Partial<ImapSettings> = {}): ImapSettings => ({
    host: '127.0.0.1',
    port,
    secure: false,
    noTls: true,
    user: DOVECOT_USER,
    password: DOVECOT_PASSWORD,
    mailbox: 'INBOX',
    ...over,
  });
  const withClient = async <T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: DOVECOT_USER, pass: DOVECOT_PASSWORD },
      logger: false,
      disableAutoIdle: true,
    });
    c.on('error', () => {});
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  };
  const append: Dovecot['append'] = (raw, opts = {}) =>
    withClient(async (c) => {
      const r = await c.append(opts.mailbox ?? 'INBOX', raw, opts.flags ?? [], opts.date);
      if (!r || r.uid === undefined) throw new Error('APPEND gave no UID');
      return r.uid;
    });

  await start();
  return {
    port,
    dir,
    settings,
    append,
    withClient,
    log,
    start,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    close: async () => {
      await stop();
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readId(user: string, what: 'uid' | 'gid'): string {
  const line = readFileSync(what === 'uid' ? '/etc/passwd' : '/etc/group', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`no ${user} ${what === 'uid' ? 'user' : 'group'}: is dovecot-core installed?`);
  return line.split(':')[2]!;
}

/** a small plain-text message, numbered (for bulk appends) */
export function generatedMessage(i: number): string {
  const n = String(i).padStart(5, '0');
  return [
    `From: Prospect ${n} <prospect${n}@example.fr>`,
    'To: Relais <relais@example.fr>',
    `Subject: Re: Votre proposition ${n}`,
    `Message-ID: <gen-${n}@example.fr>`,
    `Date: ${new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Bonjour, merci pour votre message n°${n}. Pouvez-vous me rappeler la semaine prochaine ?`,
    '',
    '> Le 1 janv. 2026, Relais a écrit :',
    '> Bonjour, je me permets de vous contacter…',
    '',
  ].join('\r\n');
}

/**
 * Appends `count` generated messages (or `make(i)`) for a bench, fast: MULTIAPPEND (RFC 3502,
 * which imapflow does not offer) with non-synchronizing literals (LITERAL+), `perCommand`
 * messages per APPEND, over one raw connection. One APPEND per message costs Dovecot a mailbox
 * lock and index update each (~4 ms here), and parallel sessions only contend for that lock.
 * UIDs follow `i`.
 */
export async function appendMany(
  d: Pick<Dovecot, 'port'>,
  count: number,
  opts: { make?: (i: number) => string | Buffer; mailbox?: string; perCommand?: number } = {},
): Promise<void> {
  const make = opts.make ?? generatedMessage;
  const mailbox = (opts.mailbox ?? 'INBOX').replace(/["\\]/g, '');
  const perCommand = opts.perCommand ?? 500;
  const sock = net.connect(d.port, '127.0.0.1');
  let buf = '';
  let waiting: { tag: string; resolve: (line: string) => void; reject: (e: Error) => void } | null = null;
  const failed = (e: Error) => waiting?.reject(e);
  sock.on('error', failed);
  sock.on('close', () => failed(new Error('the IMAP connection closed')));
  sock.on('data', (chunk) => {
    buf += chunk.toString('latin1');
    for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (waiting && line.startsWith(`${waiting.tag} `)) waiting.resolve(line);
    }
  });
  let n = 0;
  const command = (parts: (string | Buffer)[]) =>
    new Promise<string>((resolve, reject) => {
      const tag = `b${++n}`;
      waiting = { tag, resolve, reject };
      sock.write(Buffer.concat([Buffer.from(`${tag} `), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)), Buffer.from('\r\n')]));
    }).then((line) => {
      if (!/^\S+ OK/.test(line)) throw new Error(`IMAP: ${line}`);
      return line;
    });
  try {
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', resolve);
      sock.once('error', reject);
    });
    await command([`LOGIN "${DOVECOT_USER}" "${DOVECOT_PASSWORD}"`]);
    for (let from = 0; from < count; from += perCommand) {
      const parts: (string | Buffer)[] = [`APPEND "${mailbox}"`];
      for (let i = from; i < Math.min(count, from + perCommand); i++) {
        const raw = Buffer.from(make(i));
        parts.push(` {${raw.length}+}\r\n`, raw);
      }
      await command(parts);
    }
    await command(['LOGOUT']).catch(() => {});
  } finally {
    sock.destroy();
  }
}
