import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';
import { importFinished } from '../../test/support/imports';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.startWorker({ jobs: 'csv.import', pollMs: 50 });
});
afterAll(async () => t?.close());

// What French Excel writes: BOM-less Windows-1252, `;`, French dates, a quoted field with a `;`.
const csv = [
  'Raison sociale;SIREN;Code APE;Adresse;Code postal;Ville;Prénom;Nom;Fonction;E-mail;Type;Date de création',
  'Électricité Bellecour;732829320;4321A;"5 place Bellecour; bât. B";69002;Lyon;Hélène;Dubois;Gérante;helene@elec-bellecour.example;Prospect;12/03/2019',
  'Électricité Bellecour;732829320;4321A;"5 place Bellecour; bât. B";69002;Lyon;Marc;Dubois;Associé;marc@elec-bellecour.example;Prospect;12/03/2019',
  'Cabinet Saône Conseil;;69.20Z;8 quai Rambaud;69002;Lyon;Léa;Vidal;Expert-comptable;lea@saone-conseil.example;Client;31/02/2020',
  'Boulangerie des Pentes;123456789;10.71C;1 montée de la Grande Côte;69001;Lyon;Jean;Petit;Artisan;jean@pentes.example;;',
  ';;;;;;Anne;Morel;;anne.morel@exemple.example;Contact;',
  'Plomberie Part-Dieu;;43.22A;3 rue Garibaldi;6903;Lyon;Paul;Roy;;;;',
].join('\r\n');
const win1252 = new Uint8Array([...csv].map((ch) => (({ é: 0xe9, É: 0xc9, è: 0xe8, ô: 0xf4, ç: 0xe7, à: 0xe0, Ô: 0xd4 }) as Record<string, number>)[ch] ?? ch.charCodeAt(0)));

async function post(body: Uint8Array<ArrayBuffer> | string, query = '', token?: string | null) {
  const headers: Record<string, string> = { 'content-type': 'text/csv' };
  if (token !== null) headers.authorization = `Bearer ${token ?? t.a.adminToken}`;
  const res = await t.app.request(`/api/import/csv${query}`, { method: 'POST', headers, body });
  return { status: res.status, body: await res.json() };
}

const finished = (id: string, token?: string) => importFinished(t, id, token);

/** A real import: 202, then its final state. */
async function imported(body: Uint8Array<ArrayBuffer> | string) {
  const started = await post(body);
  expect(started.status).toBe(202);
  return (await finished(started.body.id)).body;
}

describe('CSV import / export', () => {
  it('reports a dry run without writing, then imports, reporting malformed rows by line', async () => {
    const dry = await post(win1252, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, encoding: 'windows-1252', separator: ';', rows: 6, companies: { created: 1, merged: 0 }, people: { created: 3 } });
    expect(dry.body.rejected).toEqual([
      { line: 4, field: 'createdOn', reason: expect.stringContaining('31/02/2020') },
      { line: 5, field: 'siren', reason: expect.any(String) },
      { line: 7, field: 'postcode', reason: expect.any(String) },
    ]);
    expect((await t.request('GET', '/api/companies')).body.items).toHaveLength(0);

    const real = await imported(win1252);
    expect(real).toMatchObject({ status: 'done', progress: { linesDone: 6, linesTotal: 6 }, error: null });
    expect(real.report).toMatchObject({ dryRun: false, companies: { created: 1 }, people: { created: 3 } });
    expect(real.report?.rejected.map((r) => r.line)).toEqual([4, 5, 7]);
    const companies = (await t.request('GET', '/api/companies')).body.items;
    expect(companies).toHaveLength(1);
    expect(companies[0]).toMatchObject({ name: 'Électricité Bellecour', nafCode: '43.21A', address: '5 place Bellecour; bât. B' });
    const people = (await t.request('GET', '/api/people?limit=200')).body.items;
    expect(people.map((p) => `${p.lastName}:${p.kind}`).sort()).toEqual(['Dubois:lead', 'Dubois:lead', 'Morel:contact']);

    // the same file again, as UTF-8 with a BOM: everything is already known
    const again = await imported(new TextEncoder().encode(`\uFEFF${csv}`));
    expect(again.report).toMatchObject({ encoding: 'utf-8', companies: { created: 0, merged: 1 }, people: { created: 0, merged: 3 } });
  });

  it('exports lists as CSV for French spreadsheets', async () => {
    await t.request('POST', '/api/deals', { body: { title: 'Tableau électrique', amountCents: 123456 } });
    const res = await t.app.request('/api/export/deals.csv', { headers: { authorization: `Bearer ${t.a.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel then reads UTF-8
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('Affaire;Montant (€);Étape')).toBe(true);
    expect(text).toContain('Tableau électrique;1234,56;Nouveau');
    const people = await (await t.app.request('/api/export/people.csv?kind=contact', { headers: { authorization: `Bearer ${t.a.adminToken}` } })).text();
    expect(people.trim().split('\r\n')).toHaveLength(2);
  });

  it('rejects bad input and foreign access', async () => {
    // nothing to import: done at once
    const header = await post('foo;bar\n1;2');
    expect(header.status).toBe(202);
    expect(header.body).toMatchObject({ status: 'done', progress: { linesDone: 0, linesTotal: 1 } });
    expect(header.body.report.rejected[0]).toMatchObject({ line: 1, reason: expect.stringContaining('en-tête') });
    const q = await post(csv, '?dryRun=maybe');
    expect(q.status).toBe(400);
    expect(q.body.error.message).toMatch(/^dryRun:/);
    expect((await post(csv, '', null)).status).toBe(401);
    const bad = await t.app.request('/api/export/invoices.csv', { headers: { authorization: `Bearer ${t.a.adminToken}` } });
    expect(bad.status).toBe(400);
    const asB = await (await t.app.request('/api/export/companies.csv', { headers: { authorization: `Bearer ${t.b.adminToken}` } })).text();
    expect(asB).not.toContain('Bellecour');
  });

  it('follows an import in the background: status, progress in lines, then the report', async () => {
    const lines = ['Raison sociale;Code postal;Prénom;Nom;E-mail'];
    // one postcode each: near-identical names in one postcode would rightly be merged
    for (let i = 0; i < 450; i++) lines.push(`Menuiserie Suivi ${i};${10_000 + i};Léo;Suivi${i};leo.suivi${i}@exemple.example`);
    const started = await post(lines.join('\n'));
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), status: expect.stringMatching(/^(queued|running|done)$/), progress: { linesTotal: 450 }, error: null });
    const done = await finished(started.body.id);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', progress: { linesDone: 450, linesTotal: 450 }, finishedAt: expect.any(String) });
    expect(done.body.report).toMatchObject({ dryRun: false, rows: 450, companies: { created: 450, merged: 0 }, people: { created: 450, merged: 0 }, rejected: [] });
  });

  it('answers 400 naming the field for a malformed import id', async () => {
    const r = await t.request('GET', '/api/imports/not-an-id');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^id:/);
  });

  it("keeps an import to its workspace: no token → 401, another workspace's import → 404", async () => {
    const started = await post('Raison sociale;Code postal\nCouverture Privée;69004');
    expect(started.status).toBe(202);
    await finished(started.body.id);
    expect((await t.request('GET', `/api/imports/${started.body.id}`, { token: null })).status).toBe(401);
    const asB = await t.request('GET', `/api/imports/${started.body.id}`, { token: t.b.adminToken });
    expect(asB.status).toBe(404);
    expect((await t.request('GET', `/api/imports/${started.body.id}`)).status).toBe(200);
  });
});
