import net from 'node:net';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, proposeEmail, TEST_SECRET_KEY } from '../test/support/approval';
import { createTestContext, type TestContext, type TestWorkspace } from '../test/support/context';
import { startSmtpSink, type SmtpSink } from '../test/support/smtp-sink';
import { dispatchOnce, startDispatcher, type DispatcherEnv } from './dispatcher';
import { sweepExpiredLeases } from './dispatcher-outcomes';
import { closeTransports } from './smtp';

// The dispatcher under a stalled mail server, a database fault while recording, and a connection
// dropped before or after DATA (issue 11, points 4–6). No assertion is about time: each test waits
// for a state and checks what happened.
let t: TestContext;
let sink: SmtpSink;
let env: DispatcherEnv;
let fake: FakeSmtp;

beforeAll(async () => {
  sink = await startSmtpSink();
  fake = await startFakeSmtp();
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY, PUBLIC_URL: 'https://relais.example', RELAIS_SEND_WINDOW: 'off' });
  env = { db: t.db.kysely, config: t.config, logger: t.deps.logger };
  const a = await t.request('POST', '/api/connectors', {
    body: { type: 'smtp', host: '127.0.0.1', port: sink.port, secure: false, noTls: true, fromEmail: 'contact@atelier-a.fr', fromName: 'Atelier A' },
  });
  expect(a.status).toBe(201);
  const r = await t.request('POST', '/api/connectors', {
    token: t.b.adminToken,
    body: { type: 'smtp', host: '127.0.0.1', port: fake.port, secure: false, noTls: true, fromEmail: 'contact@atelier-b.fr', fromName: 'Atelier B' },
  });
  expect(r.status).toBe(201);
});
afterAll(async () => {
  closeTransports();
  await t?.close();
  await sink?.close();
  await fake?.close();
});

async function approved(ws: TestWorkspace, email?: string): Promise<string> {
  const personId = await createPerson(t, { ws, email });
  const a = await proposeEmail(t, personId, {}, ws.adminToken);
  expect((await t.request('POST', `/api/actions/${a.id}/approve`, { token: ws.adminToken })).status).toBe(200);
  return a.id;
}

const row = (id: string) =>
  t.db.kysely.selectFrom('actions').select(['status', 'attempts', 'last_error', 'lease_expires_at', 'lease_owner']).where('id', '=', id).executeTakeFirstOrThrow();

/** Polls until `check` holds (a state, not a duration: the bound only turns a hang into a failure). */
async function until(what: string, check: () => Promise<boolean>, boundMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > boundMs) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const statusesAre = (ids: string[], status: string) => async () => (await Promise.all(ids.map(row))).every((r) => r.status === status);
const received = (id: string) => sink.counts().get(`<${id}@atelier-a.fr>`) ?? 0;

describe('a stalled recipient server', () => {
  it('holds one slot only: the rest of its batch is recorded sent, and new emails are claimed and sent meanwhile', async () => {
    const stalled = await approved(t.a, `stall-${Date.now()}@exemple.fr`);
    const first = [await approved(t.a), await approved(t.a), await approved(t.a)];
    const d = startDispatcher(env, { batchSize: 4, lanes: 1, pollMs: 20 });
    try {
      await until('the stalled send reached the server', async () => sink.stalled() >= 1);
      await until('the rest of the batch is sent', statusesAre(first, 'sent'));
      expect((await row(stalled)).status).toBe('sending');
      const later = [await approved(t.a), await approved(t.a), await approved(t.a)];
      await until('emails approved after the stall are claimed and sent', statusesAre(later, 'sent'));
      expect((await row(stalled)).status).toBe('sending');
      sink.releaseStalled();
      await until('the stalled send completes and is recorded', statusesAre([stalled], 'sent'));
      for (const id of [stalled, ...first, ...later]) expect(received(id)).toBe(1);
    } finally {
      sink.releaseStalled();
      await d.stop();
    }
  });
});

/** Fails every statement that moves actions to `sent` while `failing` is on (a database fault right after the SMTP send). */
class FailSentTransitions implements KyselyPlugin {
  failing = true;
  failures = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.failing && JSON.stringify(args.node).includes('"value":"sent"')) {
      this.failures++;
      throw new Error('connection terminated unexpectedly (injected)');
    }
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describe('a database error right after a successful send', () => {
  it('is retried until the delivered email is recorded sent, its lease kept alive meanwhile', async () => {
    const id = await approved(t.a);
    const fault = new FailSentTransitions();
    const faulty: DispatcherEnv = { ...env, db: t.db.kysely.withPlugin(fault) };
    const cycle = dispatchOnce(faulty, { leaseMs: 1000 });
    await until('the email was delivered and recording it failed', async () => received(id) === 1 && fault.failures >= 2);
    const leased = await row(id);
    expect(leased.status).toBe('sending');
    // past the lease the claim took, the row is still held: its lease was renewed, so the sweeper leaves it
    const firstExpiry = leased.lease_expires_at!.getTime();
    await until('the first lease has run out', async () => Date.now() > firstExpiry + 200);
    expect((await row(id)).lease_expires_at!.getTime()).toBeGreaterThan(firstExpiry);
    await sweepExpiredLeases(t.db.kysely);
    expect((await row(id)).status).toBe('sending');
    fault.failing = false;
    const stats = await cycle;
    expect(stats.sent).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'sent', lease_owner: null });
    expect(received(id)).toBe(1);
    const d = (await t.request('GET', `/api/actions/${id}`)).body;
    expect(d.history.map((h: { action: string }) => h.action)).toEqual(['action.created', 'action.approved', 'action.claimed', 'action.sent']);
    const timeline = await t.request('GET', `/api/activities?subjectType=person&subjectId=${d.personId}`);
    expect(timeline.body.items.filter((i: { kind: string }) => i.kind === 'email_sent')).toHaveLength(1);
  });
});

describe('a connection dropped during the SMTP transaction', () => {
  it('at RCPT (nothing sent) is retried later; after DATA began it is delivery_unknown', async () => {
    const atRcpt = await approved(t.b, `drop-rcpt-${Date.now()}@exemple.fr`);
    const afterData = await approved(t.b, `drop-data-${Date.now()}@exemple.fr`);
    const ok = await approved(t.b, `fine-${Date.now()}@exemple.fr`);
    const stats = await dispatchOnce(env, { backoffMs: 60_000 });
    expect(stats).toMatchObject({ sent: 1, retried: 1, unknown: 1 });
    const r = await row(atRcpt);
    expect(r).toMatchObject({ status: 'scheduled', attempts: 1, lease_owner: null });
    expect(r.last_error).toMatch(/before the message was sent/);
    expect((await row(afterData)).status).toBe('delivery_unknown');
    expect((await row(ok)).status).toBe('sent');
    expect(fake.delivered).toEqual([expect.stringContaining('fine-')]);
  });

  it('a server silent at RCPT past the send timeout (half the lease) is retried later, not delivery_unknown', async () => {
    const silent = await approved(t.b, `silent-rcpt-${Date.now()}@exemple.fr`);
    const stats = await dispatchOnce(env, { leaseMs: 2000, backoffMs: 60_000 });
    expect(stats).toMatchObject({ retried: 1, unknown: 0 });
    expect((await row(silent)).status).toBe('scheduled');
    fake.releaseSilent();
  });
});

type FakeSmtp = { port: number; delivered: string[]; releaseSilent: () => void; close: () => Promise<void> };

/**
 * A minimal SMTP server whose recipients say how the connection ends: `drop-rcpt…` is cut at RCPT
 * TO, `drop-data…` once the whole message arrived (before the 250 answer), `silent-rcpt…` gets no
 * answer to RCPT TO; anything else is accepted.
 */
async function startFakeSmtp(): Promise<FakeSmtp> {
  const delivered: string[] = [];
  const silent = new Set<net.Socket>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    let buf = '';
    let rcpt = '';
    let inData = false;
    sock.write('220 fake ESMTP\r\n');
    sock.on('data', (d) => {
      buf += d.toString();
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line !== '.') continue;
          inData = false;
          if (rcpt.startsWith('drop-data')) return void sock.destroy();
          delivered.push(rcpt);
          sock.write('250 queued\r\n');
        } else if (/^(EHLO|HELO)/i.test(line)) sock.write('250-fake\r\n250 PIPELINING\r\n');
        else if (/^MAIL FROM/i.test(line) || /^RSET/i.test(line)) sock.write('250 ok\r\n');
        else if (/^RCPT TO/i.test(line)) {
          rcpt = /<([^>]*)>/.exec(line)?.[1] ?? '';
          if (rcpt.startsWith('drop-rcpt')) return void sock.destroy();
          if (rcpt.startsWith('silent-rcpt')) return void silent.add(sock);
          sock.write('250 ok\r\n');
        } else if (/^DATA/i.test(line)) {
          inData = true;
          sock.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) {
          sock.end('221 bye\r\n');
        } else sock.write('500 what?\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    delivered,
    releaseSilent: () => {
      for (const s of silent) s.destroy();
      silent.clear();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
