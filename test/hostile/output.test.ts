import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingIcs } from '../../actions/render-email';
import { createTestContext, type TestContext } from '../support/context';
import { importCsv } from '../support/imports';

// What Relais writes out (CSV exports, meeting invitations, links) cannot be turned against whoever
// opens it: a formula, an injected calendar property or a `javascript:` link.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  t.startWorker({ jobs: 'csv.import', pollMs: 50 });
});
afterAll(async () => t?.close());

const exportText = async (file: string) => (await t.app.request(`/api/export/${file}`, { headers: { authorization: `Bearer ${t.a.adminToken}` } })).text();

describe('CSV exports', () => {
  it('neutralise cells a spreadsheet would run as a formula, and keep numbers as numbers', async () => {
    const names = ['=HYPERLINK("http://evil.example","x")', '+33 cmd', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    for (const name of names) expect((await t.request('POST', '/api/companies', { body: { name } })).status).toBe(201);
    await t.request('POST', '/api/deals', { body: { title: '=1+1', amountCents: 1250 } });
    const companies = await exportText('companies.csv');
    for (const line of companies.split('\r\n').slice(1, -1)) expect(line).toMatch(/^("?')/);
    expect(companies).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(companies).toContain("'-2+3;");
    const deals = await exportText('deals.csv');
    expect(deals).toContain("'=1+1;12,50;");
  });
});

describe('meeting invitations (ICS)', () => {
  it('escape every line break and quote CN= values, so no property can be injected', () => {
    const ics = meetingIcs(
      '0190f3c2-0000-7000-8000-000000000001',
      {
        to: { email: 'claire@exemple.fr', name: 'Claire\rATTENDEE:mailto:spy@evil.example' },
        subject: 'Visite\rORGANIZER:mailto:boss@evil.example',
        body: 'Bonjour\r\nà jeudi\rDESCRIPTION:x',
        language: 'fr',
        startsAt: '2026-12-10T09:00:00.000Z',
        durationMinutes: 30,
        location: 'Lyon;\rLOCATION:ailleurs',
      },
      { email: 'contact@atelier-a.fr', name: 'Atelier "A"; Lyon' },
      new Date('2026-12-01T00:00:00Z'),
    );
    const lines = ics.split('\r\n').filter(Boolean);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // no line (folded continuations aside) is a property the input brought in
    const props = lines.filter((l) => !l.startsWith(' ')).map((l) => l.split(/[;:]/)[0]);
    expect(props.filter((p) => p === 'ATTENDEE')).toHaveLength(1);
    expect(props.filter((p) => p === 'ORGANIZER')).toHaveLength(1);
    expect(props.filter((p) => p === 'DESCRIPTION')).toHaveLength(1);
    expect(props.filter((p) => p === 'LOCATION')).toHaveLength(1);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('ORGANIZER;CN="Atelier  A ; Lyon":mailto:contact@atelier-a.fr');
    expect(unfolded).toMatch(/ATTENDEE;CN="Claire ATTENDEE:mailto:spy@evil\.example";ROLE=/);
  });
});

describe('websites', () => {
  it('accept only http(s): the API answers 400 naming the field, imports drop the value, the Portal never links it', async () => {
    for (const website of ['javascript:alert(1)', 'data:text/html,<script>1</script>', 'ftp://files.example', 'JaVaScRiPt://x.example/%0aalert(1)']) {
      const r = await t.request('POST', '/api/companies', { body: { name: 'Site piégé', website } });
      expect(r.status).toBe(400);
      expect(r.body.error.details.fields[0].path).toBe('website');
    }
    expect((await t.request('POST', '/api/companies', { body: { name: 'Site sûr', website: 'https://atelier.example/' } })).status).toBe(201);

    const csv =
      'Raison sociale;Site web;Prénom;Nom;E-mail\nImport piégé;javascript:alert(1);Jean;Dupont;jean@import.example\nImport nu;www.import-nu.example;Paul;Roux;paul@import.example\n';
    expect((await importCsv(t, csv)).status).toBe('done');
    const items = (await t.request('GET', '/api/companies?limit=200')).body.items;
    expect(items.find((c) => c.name === 'Import piégé')?.website).toBeNull();
    expect(items.find((c) => c.name === 'Import nu')?.website).toBe('https://www.import-nu.example/');
  });
});
