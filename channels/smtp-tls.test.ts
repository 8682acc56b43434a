import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchOnce } from './dispatcher';
import { closeTransports } from './smtp';
import { createPerson, proposeEmail, TEST_SECRET_KEY } from '../test/support/approval';
import { createTestContext, type TestContext } from '../test/support/context';
import { PageClient } from '../test/portal/page-client';

// The SMTP password only ever travels encrypted (issue 10, point 10): AUTH needs TLS (implicit or
// STARTTLS) unless the connector says "no TLS (local relay)", and a connector pointed at another
// host, port or user needs its password typed again, so it cannot be walked to a server of one's choosing.
let t: TestContext;
let plain: { port: number; auths: string[]; close: () => Promise<void> };
const PASSWORD = 'mot-de-passe-secret';

/** A server that offers no STARTTLS and records every password it is sent. */
async function plaintextServer() {
  const auths: string[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, cb) {
      auths.push(auth.password ?? '');
      cb(null, { user: auth.username });
    },
    onData(stream, _session, cb) {
      stream.resume();
      stream.on('end', () => cb());
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, auths, close: () => new Promise<void>((r) => server.close(() => r())) };
}

beforeAll(async () => {
  plain = await plaintextServer();
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY, PUBLIC_URL: 'https://relais.example', RELAIS_SEND_WINDOW: 'off' });
});
afterAll(async () => {
  closeTransports();
  await t?.close();
  await plain?.close();
});

const smtp = (over: Record<string, unknown> = {}) => ({
  type: 'smtp',
  host: '127.0.0.1',
  port: plain.port,
  secure: false,
  user: 'relais',
  password: PASSWORD,
  fromEmail: 'contact@atelier-a.fr',
  fromName: 'Atelier A',
  ...over,
});

describe('SMTP AUTH needs TLS', () => {
  it('never sends the password to a server without TLS, unless the connector says "no TLS (local relay)"', async () => {
    const c = (await t.request('POST', '/api/connectors', { body: smtp() })).body;
    expect(c.noTls).toBe(false);
    const refused = await t.request('POST', `/api/connectors/${c.id}/test`);
    expect(refused.body).toMatchObject({ ok: false, error: expect.stringMatching(/STARTTLS|TLS/i) });
    expect(plain.auths).toEqual([]);

    // the dispatcher does not send it either: the approved email waits
    const a = await proposeEmail(t, await createPerson(t));
    expect((await t.request('POST', `/api/actions/${a.id}/approve`)).status).toBe(200);
    const stats = await dispatchOnce({ db: t.db.kysely, config: t.config, logger: t.deps.logger });
    expect(stats.sent).toBe(0);
    expect(plain.auths).toEqual([]);
    // nothing left, so nothing is lost: it waits for a fixed connector instead of failing for good
    expect((await t.request('GET', `/api/actions/${a.id}`)).body.status).not.toBe('failed');
    await t.request('DELETE', `/api/connectors/${c.id}`);

    // said explicitly: a local relay in clear
    const local = (await t.request('POST', '/api/connectors', { body: smtp({ noTls: true }) })).body;
    expect(local.noTls).toBe(true);
    expect((await t.request('POST', `/api/connectors/${local.id}/test`)).body).toEqual({ ok: true });
    expect(plain.auths).toEqual([PASSWORD]);
    await t.request('DELETE', `/api/connectors/${local.id}`);
  });
});

describe('a connector pointed elsewhere needs its password again', () => {
  it('changing host, port or user (or dropping TLS) without the password is a 400 naming password', async () => {
    const c = (await t.request('POST', '/api/connectors', { body: smtp({ noTls: true }) })).body;
    for (const change of [{ host: 'smtp.evil.example' }, { port: 2525 }, { user: 'autre' }]) {
      const r = await t.request('PATCH', `/api/connectors/${c.id}`, { body: { version: 1, ...change } });
      expect(r.status, JSON.stringify(change)).toBe(400);
      expect(r.body.error.details.fields[0].path).toBe('password');
      expect(r.body.error.message).toMatch(/^password:/);
    }
    expect((await t.request('GET', `/api/connectors/${c.id}`)).body).toMatchObject({ host: '127.0.0.1', port: plain.port, user: 'relais', version: 1 });
    // the same values, or other fields, need nothing
    expect((await t.request('PATCH', `/api/connectors/${c.id}`, { body: { version: 1, host: '127.0.0.1', fromName: 'Atelier A Lyon' } })).status).toBe(200);
    // with the password typed again, the move is fine
    const moved = await t.request('PATCH', `/api/connectors/${c.id}`, { body: { version: 2, host: 'smtp.example.fr', port: 465, secure: true, password: 'nouveau' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ host: 'smtp.example.fr', port: 465, hasPassword: true, version: 3 });

    const tls = (await t.request('POST', '/api/connectors', { body: smtp() })).body;
    const drop = await t.request('PATCH', `/api/connectors/${tls.id}`, { body: { version: 1, noTls: true } });
    expect(drop.status).toBe(400);
    expect(drop.body.error.details.fields[0].path).toBe('password');

    // no stored password: nothing to protect
    const open = (await t.request('POST', '/api/connectors', { body: smtp({ user: null, password: null }) })).body;
    expect((await t.request('PATCH', `/api/connectors/${open.id}`, { body: { version: 1, host: 'relay.local' } })).status).toBe(200);
  });

  it('the Settings form asks for the password again too, and offers "no TLS (local relay)" with a warning', async () => {
    const p = new PageClient(t);
    await p.signIn(t.a.id, t.a.adminId);
    const settings = await p.get('/settings');
    expect(settings.html).toContain('name="noTls"');
    expect(settings.html).toContain('Pas de TLS (relais local)');
    const csrf = PageClient.csrf(settings.html);
    const created = await p.post('/settings/connectors/smtp', {
      _csrf: csrf,
      host: '127.0.0.1',
      port: String(plain.port),
      user: 'relais',
      password: PASSWORD,
      fromEmail: 'envoi@atelier-a.fr',
      fromName: 'Atelier A',
      noTls: 'on',
    });
    expect(created.status).toBe(303);
    const row = await t.db.kysely.selectFrom('channels').selectAll().where('from_email', '=', 'envoi@atelier-a.fr').executeTakeFirstOrThrow();
    expect(row.settings.noTls).toBe(true);
    expect((await p.get('/settings')).html).toMatch(/data-connector="[^"]+"[\s\S]*?sans TLS/);

    const edit = await p.get(`/settings/connectors/${row.id}`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain(`value="${plain.port}"`);
    expect(edit.html).not.toContain(PASSWORD);
    const base = {
      _csrf: csrf,
      version: String(row.version),
      host: 'smtp.evil.example',
      port: String(plain.port),
      user: 'relais',
      fromEmail: 'envoi@atelier-a.fr',
      fromName: 'Atelier A',
      noTls: 'on',
    };
    const refused = await p.post(`/settings/connectors/${row.id}`, { ...base, password: '' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="f-password-err"');
    expect(refused.html).toContain('Saisissez à nouveau le mot de passe');
    expect((await t.db.kysely.selectFrom('channels').select('settings').where('id', '=', row.id).executeTakeFirstOrThrow()).settings.host).toBe('127.0.0.1');

    const saved = await p.post(`/settings/connectors/${row.id}`, { ...base, password: 'nouveau' });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/settings?ok=channel#connectors');
    const after = await t.db.kysely.selectFrom('channels').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.settings.host).toBe('smtp.evil.example');

    // a name change keeps the password without typing it
    const renamed = await p.post(`/settings/connectors/${row.id}`, { ...base, version: String(after.version), fromName: 'Atelier A Lyon', password: '' });
    expect(renamed.status).toBe(303);
    const last = await t.db.kysely.selectFrom('channels').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(last.from_name).toBe('Atelier A Lyon');
    expect(last.secret).toBe(after.secret);
  });

  it('the edit page is admin-only and stays in its workspace', async () => {
    const c = (await t.request('POST', '/api/connectors', { token: t.b.adminToken, body: smtp({ noTls: true }) })).body;
    const admin = new PageClient(t);
    await admin.signIn(t.a.id, t.a.adminId);
    expect((await admin.get(`/settings/connectors/${c.id}`)).status).toBe(404);
    const csrf = await admin.csrfToken('/settings');
    expect((await admin.post(`/settings/connectors/${c.id}`, { _csrf: csrf, version: '1', host: 'x.example', port: '25', password: 'x', fromEmail: 'a@b.fr' })).status).toBe(404);
    const member = new PageClient(t);
    await member.signIn(t.b.id, t.b.memberId);
    expect((await member.get(`/settings/connectors/${c.id}`)).status).toBe(403);
    expect(
      (
        await member.post(`/settings/connectors/${c.id}`, {
          _csrf: await member.csrfToken('/settings'),
          version: '1',
          host: 'x.example',
          port: '25',
          password: 'x',
          fromEmail: 'a@b.fr',
        })
      ).status,
    ).toBe(403);
  });
});
