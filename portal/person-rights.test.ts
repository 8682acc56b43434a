import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../db/repositories/audit';
import { PageClient } from '../test/portal/page-client';
import { createPerson, proposeEmail, TEST_SECRET_KEY } from '../test/support/approval';
import { createTestContext, type TestContext } from '../test/support/context';

// A person's rights from their page in the Portal: export (JSON, CSV), "Ne plus contacter" (any
// member, confirmed, reason optional) and "Effacer les données" (administrators, confirmed on a page
// that names the person and says what is kept), with CSRF; and the retention rule in Settings.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY });
});
afterAll(async () => t?.close());

async function as(workspaceId: string, userId: string) {
  const p = new PageClient(t);
  await p.signIn(workspaceId, userId);
  return p;
}

const NB = '\u00a0';

describe('the person page: personal data', () => {
  it('offers both exports to a member, who downloads everything held about the person', async () => {
    const id = await createPerson(t, { firstName: 'Odile' });
    const p = await as(t.a.id, t.a.memberId);
    const page = await p.get(`/people/${id}?lang=fr`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Données personnelles (RGPD)');
    expect(page.html).toContain(`href="/people/${id}/export?format=json"`);
    expect(page.html).toContain(`href="/people/${id}/export?format=csv"`);

    const json = await p.get(`/people/${id}/export?format=json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="relais-personne-${id}.json"`);
    expect(JSON.parse(json.html)).toMatchObject({ person: { id, firstName: 'Odile' }, origin: { source: 'manual' } });
    const csv = await p.get(`/people/${id}/export?format=csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.html.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Rubrique;Élément;Champ;Valeur');
    expect(csv.html).toContain('person;;firstName;Odile');
    const en = await as(t.a.id, t.a.memberId);
    await en.get(`/people/${id}?lang=en`);
    expect((await en.get(`/people/${id}/export?format=csv`)).html.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Section;Item;Field;Value');
    expect((await listAudit(t.db.kysely, t.a.id, 'person', id)).filter((e) => e.action === 'person.exported')).toHaveLength(3);

    // another workspace's person: not found, nothing exported
    const other = await createPerson(t, { ws: t.b });
    expect((await p.get(`/people/${other}/export?format=json`)).status).toBe(404);
  });

  it('records an objection after a confirmation, with an optional reason, and flashes the result', async () => {
    const email = `odile.${Date.now()}@exemple.fr`;
    const id = await createPerson(t, { email, firstName: 'Odile' });
    const pending = await proposeEmail(t, id);
    const p = await as(t.a.id, t.a.memberId);
    const page = await p.get(`/people/${id}?lang=fr`);
    expect(page.html).toContain(`href="/people/${id}/opt-out"`);
    expect(page.html).toContain('Ne plus contacter');

    const confirm = await p.get(`/people/${id}/opt-out`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain(`Ne plus contacter Odile Martin`);
    expect(confirm.html).toContain(`L’adresse ${email} rejoint la liste d’opposition${NB}:`);
    expect(confirm.html).toContain('Motif (facultatif)');
    const csrf = PageClient.csrf(confirm.html);

    // a reason that cannot be stored: the form again, with the error, and nothing recorded
    const bad = await p.post(`/people/${id}/opt-out`, { _csrf: csrf, reason: 'x'.repeat(501) });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Ce texte est trop long.');
    expect((await t.request('GET', `/api/people/${id}`)).body.optedOutAt).toBeNull();

    const done = await p.post(`/people/${id}/opt-out`, { _csrf: csrf, reason: 'Appel du 3 mars' });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/people/${id}?ok=optedOut`);
    const after = await p.get(done.location!);
    expect(after.html).toContain(`Opposition enregistrée${NB}: cette personne ne sera plus contactée`);
    expect(after.html).toContain('Appel du 3 mars'); // on the timeline
    expect(after.html).not.toContain(`href="/people/${id}/opt-out"`); // done once
    expect((await t.request('GET', `/api/actions/${pending.id}`)).body.status).toBe('cancelled');
    const sup = await t.db.kysely.selectFrom('suppressions').select('reason').where('workspace_id', '=', t.a.id).where('email', '=', email).execute();
    expect(sup).toEqual([{ reason: 'opt_out' }]);
  });

  it('shows the erasure control to an administrator only; the confirmation names the person and what is kept', async () => {
    const id = await createPerson(t, { firstName: 'Gaston' });
    const member = await as(t.a.id, t.a.memberId);
    const seen = await member.get(`/people/${id}?lang=fr`);
    expect(seen.html).not.toContain(`/people/${id}/erase`);
    expect(seen.html).not.toContain('Effacer les données');
    expect(seen.html).toContain('L’effacement des données est réservé aux administrateurs.');
    expect((await member.get(`/people/${id}/erase`)).status).toBe(403);
    // a forged post, with a valid CSRF token: refused, nothing erased
    const forged = await member.post(`/people/${id}/erase`, { _csrf: PageClient.csrf(seen.html), confirm: 'yes' });
    expect(forged.status).toBe(403);
    expect((await t.request('GET', `/api/people/${id}`)).status).toBe(200);

    const admin = await as(t.a.id, t.a.adminId);
    const page = await admin.get(`/people/${id}?lang=fr`);
    expect(page.html).toContain(`href="/people/${id}/erase"`);
    const confirm = await admin.get(`/people/${id}/erase`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('Effacer les données de Gaston Martin');
    expect(confirm.html).toContain('Cet effacement est définitif.');
    expect(confirm.html).toContain('Seule l’empreinte (hachage) de son adresse e-mail est conservée');
    const en = await admin.get(`/people/${id}/erase?lang=en`);
    expect(en.html).toMatch(/<h1>Erase Gaston Martin \d+’s data<\/h1>/);
    expect(en.html).toContain('Only a fingerprint (hash) of their email address is kept');
  });

  it('erases from the confirmation page only, with CSRF, and flashes the result on the list', async () => {
    const email = `gaston.${Date.now()}@exemple.fr`;
    const id = await createPerson(t, { email, firstName: 'Gaston' });
    const admin = await as(t.a.id, t.a.adminId);
    const confirm = await admin.get(`/people/${id}/erase?lang=fr`);
    const csrf = PageClient.csrf(confirm.html);

    // no CSRF token: refused
    expect((await admin.post(`/people/${id}/erase`, { confirm: 'yes' })).status).toBe(403);
    // not through the confirmation step: sent to it
    const skipped = await admin.post(`/people/${id}/erase`, { _csrf: csrf });
    expect(skipped.status).toBe(303);
    expect(skipped.location).toBe(`/people/${id}/erase`);
    expect((await t.request('GET', `/api/people/${id}`)).status).toBe(200);

    const done = await admin.post(`/people/${id}/erase`, { _csrf: csrf, confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/leads?ok=erased');
    expect((await admin.get(done.location!)).html).toContain('Les données de la personne ont été effacées.');
    expect((await t.request('GET', `/api/people/${id}`)).status).toBe(404);
    expect((await admin.get(`/people/${id}`)).status).toBe(404);
    const sup = await t.db.kysely.selectFrom('suppressions').select(['reason', 'email']).where('workspace_id', '=', t.a.id).where('reason', '=', 'erased').execute();
    expect(sup).toContainEqual({ reason: 'erased', email: null });
    const audit = await listAudit(t.db.kysely, t.a.id, 'person', id);
    expect(audit.at(-1)).toMatchObject({ action: 'person.erased', actor_id: t.a.adminId });
  });

  it('refuses an opt-out without the CSRF token, and keeps to the workspace', async () => {
    const id = await createPerson(t);
    const p = await as(t.a.id, t.a.memberId);
    expect((await p.post(`/people/${id}/opt-out`, { reason: 'x' })).status).toBe(403);
    const other = await createPerson(t, { ws: t.b });
    const csrf = await p.csrfToken(`/people/${id}`);
    expect((await p.post(`/people/${other}/opt-out`, { _csrf: csrf })).status).toBe(404);
    expect((await p.get(`/people/${other}/opt-out`)).status).toBe(404);
    expect((await t.request('GET', `/api/people/${other}`, { token: t.b.adminToken })).body.optedOutAt).toBeNull();
  });
});

describe('Settings: personal data', () => {
  it('says what is kept, for how long, and when the purge runs, in French and English, to every member', async () => {
    const p = await as(t.a.id, t.a.memberId);
    const fr = await p.get('/settings?lang=fr');
    expect(fr.html).toContain('href="#privacy"');
    expect(fr.html).toContain(`Prospects${NB}: leurs données`);
    expect(fr.html).toContain('sont effacées 3 ans après le dernier contact venant du prospect, ou à défaut 3 ans après leur collecte.');
    expect(fr.html).toContain('toutes les 12 heures');
    expect(fr.html).toContain('empreinte (hachage)');
    const en = await p.get('/settings?lang=en');
    expect(en.html).toContain('is erased 3 years after the last contact coming from the lead, or failing that 3 years after it was collected.');
    expect(en.html).toContain('every 12 hours');
  });
});
