import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTransports } from '../../channels/smtp';
import { listAudit } from '../../db/repositories/audit';
import { createTestContext, type TestContext } from '../../test/support/context';
import { TEST_SECRET_KEY } from '../../test/support/approval';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink';

let t: TestContext;
let sink: SmtpSink;
const PASSWORD = 'pa55-w0rd-très-secret';
beforeAll(async () => {
  sink = await startSmtpSink({ user: 'relais', password: PASSWORD });
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY });
});
afterAll(async () => {
  closeTransports();
  await t?.close();
  await sink?.close();
});

const smtp = (over: Record<string, unknown> = {}) => ({
  type: 'smtp',
  host: '127.0.0.1',
  port: sink.port,
  secure: false,
  noTls: true, // the test sink is a local relay without TLS
  user: 'relais',
  password: PASSWORD,
  fromEmail: 'Contact@Atelier-A.fr',
  fromName: 'Atelier A',
  ...over,
});

describe('/api/connectors', () => {
  it('connects an SMTP mailbox; the password is sealed and never returned', async () => {
    const r = await t.request('POST', '/api/connectors', { body: smtp() });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      type: 'smtp',
      host: '127.0.0.1',
      port: sink.port,
      user: 'relais',
      hasPassword: true,
      fromEmail: 'contact@atelier-a.fr',
      enabled: true,
      version: 1,
    });
    expect(JSON.stringify(r.body)).not.toContain(PASSWORD);
    const row = await t.db.kysely.selectFrom('channels').selectAll().where('id', '=', r.body.id).executeTakeFirstOrThrow();
    expect(row.secret).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
    const list = await t.request('GET', '/api/connectors', { token: t.a.memberToken });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c) => c.id)).toContain(r.body.id);
    expect(JSON.stringify(list.body)).not.toContain(PASSWORD);
    expect(JSON.stringify(list.body)).not.toContain(row.secret);
    const audit = await listAudit(t.db.kysely, t.a.id, 'channel', r.body.id);
    expect(audit[0].action).toBe('channel.connected');
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('tests the connection with an SMTP handshake (AUTH included), sending nothing', async () => {
    const good = (await t.request('POST', '/api/connectors', { body: smtp() })).body;
    const ok = await t.request('POST', `/api/connectors/${good.id}/test`);
    expect(ok.body).toEqual({ ok: true });
    const bad = (await t.request('POST', '/api/connectors', { body: smtp({ password: 'wrong' }) })).body;
    const refused = await t.request('POST', `/api/connectors/${bad.id}/test`);
    expect(refused.body).toMatchObject({ ok: false, error: expect.stringMatching(/535|Invalid/) });
    const closed = (await t.request('POST', '/api/connectors', { body: smtp({ port: 1 }) })).body;
    expect((await t.request('POST', `/api/connectors/${closed.id}/test`)).body.ok).toBe(false);
    expect((await t.request('GET', `/api/connectors/${bad.id}`)).body.lastTest).toMatchObject({ ok: false });
    expect(sink.received).toHaveLength(0);
  });

  it('enables, disables and updates with the current version', async () => {
    const c = (await t.request('POST', '/api/connectors', { body: smtp() })).body;
    const off = await t.request('PATCH', `/api/connectors/${c.id}`, { body: { version: 1, enabled: false } });
    expect(off.body).toMatchObject({ enabled: false, version: 2 });
    expect((await t.request('PATCH', `/api/connectors/${c.id}`, { body: { version: 1, enabled: true } })).status).toBe(409);
    const pw = await t.request('PATCH', `/api/connectors/${c.id}`, { body: { version: 2, password: 'nouveau', enabled: true } });
    expect(pw.body).toMatchObject({ enabled: true, hasPassword: true, version: 3 });
    expect((await listAudit(t.db.kysely, t.a.id, 'channel', c.id)).map((e) => e.action)).toEqual(['channel.connected', 'channel.disabled', 'channel.enabled']);
    expect((await t.request('DELETE', `/api/connectors/${c.id}`)).status).toBe(204);
    expect((await t.request('GET', `/api/connectors/${c.id}`)).status).toBe(404);
  });

  it('rejects bad input naming the field', async () => {
    const noHost = await t.request('POST', '/api/connectors', { body: smtp({ host: undefined }) });
    expect(noHost.status).toBe(400);
    expect(noHost.body.error.details.fields[0].path).toBe('host');
    expect((await t.request('POST', '/api/connectors', { body: smtp({ fromEmail: 'pas-un-email' }) })).body.error.message).toMatch(/^fromEmail:/);
    expect((await t.request('POST', '/api/connectors', { body: smtp({ type: 'imap' }) })).body.error.details.fields[0].path).toBe('type');
    expect((await t.request('POST', '/api/connectors', { body: smtp({ port: 70000 }) })).body.error.message).toMatch(/^port:/);
    expect((await t.request('POST', '/api/connectors', { body: smtp({ apiKey: 'x' }) })).body.error.message).toContain('apiKey');
    const c = (await t.request('POST', '/api/connectors', { body: smtp() })).body;
    expect((await t.request('PATCH', `/api/connectors/${c.id}`, { body: { enabled: false } })).body.error.message).toMatch(/^version:/);
  });

  it('is admin-only for every change, needs a token, and stays inside the workspace', async () => {
    const c = (await t.request('POST', '/api/connectors', { body: smtp() })).body;
    const member = { token: t.a.memberToken };
    const denied = await t.request('POST', '/api/connectors', { ...member, body: smtp() });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/admin-only/);
    expect((await t.request('PATCH', `/api/connectors/${c.id}`, { ...member, body: { version: 1, enabled: false } })).status).toBe(403);
    expect((await t.request('POST', `/api/connectors/${c.id}/test`, member)).status).toBe(403);
    expect((await t.request('DELETE', `/api/connectors/${c.id}`, member)).status).toBe(403);
    for (const [m, p] of [
      ['GET', '/api/connectors'],
      ['POST', '/api/connectors'],
      ['GET', `/api/connectors/${c.id}`],
      ['POST', `/api/connectors/${c.id}/test`],
    ] as const) {
      expect((await t.request(m, p, { token: null })).status).toBe(401);
    }
    const asB = { token: t.b.adminToken };
    expect((await t.request('GET', `/api/connectors/${c.id}`, asB)).status).toBe(404);
    expect((await t.request('PATCH', `/api/connectors/${c.id}`, { ...asB, body: { version: 1, enabled: false } })).status).toBe(404);
    expect((await t.request('POST', `/api/connectors/${c.id}/test`, asB)).status).toBe(404);
    expect((await t.request('DELETE', `/api/connectors/${c.id}`, asB)).status).toBe(404);
    expect((await t.request('GET', '/api/connectors', asB)).body.items).toEqual([]);
  });
});
