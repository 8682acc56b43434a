import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageClient } from '../test/portal/page-client';
import { createTestContext, type TestContext } from '../test/support/context';

// The CSV import in the Portal: a file sent from the Companies page, then its own page, which
// refreshes itself while the job runs and ends with the report, in French and in English.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.startWorker({ jobs: 'csv.import', pollMs: 50 });
});
afterAll(async () => t?.close());

async function as(workspaceId: string, userId: string, lang: 'fr' | 'en' = 'fr') {
  const p = new PageClient(t);
  await p.signIn(workspaceId, userId);
  await p.get(`/companies?lang=${lang}`);
  return p;
}

/** The form as a browser sends it: multipart, the file and the page's CSRF token. */
async function upload(p: PageClient, csv: string | null, csrf?: string) {
  const form = new FormData();
  form.append('_csrf', csrf ?? (await p.csrfToken('/companies/import')));
  if (csv !== null) form.append('file', new File([csv], 'clients.csv', { type: 'text/csv' }));
  const res = await t.app.request('/companies/import', { method: 'POST', headers: { cookie: p.cookieHeader() }, body: form });
  return { status: res.status, html: await res.text(), location: res.headers.get('location') };
}

/** The import's page until it says the import ended. */
async function finished(p: PageClient, path: string) {
  for (let i = 0; i < 400; i++) {
    const page = await p.get(path);
    if (page.status !== 200 || !/data-import-status="(queued|running)"/.test(page.html)) return page;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import did not finish');
}

const CSV = ['Raison sociale;Code postal;Prénom;Nom;E-mail', 'Charpente Portail;69005;Rémi;Portail;remi@charpente-portail.example', 'Sans nom;6900;Zoé;Erreur;'].join('\n');

describe('the CSV import page', () => {
  it('imports a file in the background, follows its progress and shows the report (fr, en)', async () => {
    const p = await as(t.a.id, t.a.memberId);
    expect((await p.get('/companies')).html).toContain('href="/companies/import"');
    const form = await p.get('/companies/import');
    expect(form.status).toBe(200);
    expect(form.html).toContain('Importer un fichier CSV');
    expect(form.html).toContain('enctype="multipart/form-data"');

    const sent = await upload(p, CSV);
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(/^\/companies\/import\/[0-9a-f-]{36}$/);
    const path = sent.location!;
    const first = await p.get(path);
    expect(first.status).toBe(200);
    // while it runs: a page that refreshes itself, with a link to do it by hand
    if (/data-import-status="(queued|running)"/.test(first.html)) {
      expect(first.html).toContain('http-equiv="refresh"');
      expect(first.html).toContain('Actualiser');
    }
    const done = await finished(p, path);
    expect(done.html).toContain('data-import-status="done"');
    expect(done.html).toContain('Terminé');
    expect(done.html).not.toContain('http-equiv="refresh"');
    expect(done.html).toContain('2 ligne(s) traitée(s) sur 2');
    expect(done.html).toMatch(/Entreprises(\s|&nbsp;)*: 1 créée\(s\), 0 déjà connue\(s\)/);
    expect(done.html).toContain('Lignes écartées (1)');
    expect(done.html).toContain('code postal invalide');
    expect((await p.get('/companies/import')).html).toContain(`href="${path}"`);

    const en = await as(t.a.id, t.a.memberId, 'en');
    const page = await en.get(path);
    expect(page.html).toContain('Done');
    expect(page.html).toContain('2 of 2 lines processed');
    expect(page.html).toContain('Companies: 1 created, 0 already known');
    expect(page.html).toContain('Lines left out (1)');
  });

  it('asks for a file when none is sent, and refuses a form without its CSRF token', async () => {
    const p = await as(t.a.id, t.a.memberId);
    const none = await upload(p, null);
    expect(none.status).toBe(400);
    expect(none.html).toContain('Choisissez un fichier CSV à importer.');
    expect(none.html).toContain('aria-invalid="true"');
    const forged = await upload(p, CSV, 'not-the-token');
    expect(forged.status).toBe(403);
  });

  it("keeps an import to its workspace: another workspace's import is not found, and signing in is required", async () => {
    const p = await as(t.a.id, t.a.adminId);
    const sent = await upload(p, CSV);
    const path = sent.location!;
    const other = await as(t.b.id, t.b.adminId);
    expect((await other.get(path)).status).toBe(404);
    expect((await other.get('/companies/import/not-an-id')).status).toBe(404);
    const anonymous = await new PageClient(t).get(path);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toContain('/login');
    await finished(p, path);
  });
});
