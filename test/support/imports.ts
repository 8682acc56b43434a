import type { TestContext } from './context';

// CSV imports run on the worker (crm/csv/jobs.ts): a test posts the file, then follows the import
// until it ends. The context needs a worker taking `csv.import` (t.startWorker).

/** GET /api/imports/{id} until the import ends. */
export async function importFinished(t: TestContext, id: string, token?: string) {
  for (let i = 0; i < 400; i++) {
    const r = await t.request('GET', `/api/imports/${id}`, { token });
    if (r.status !== 200 || r.body.status === 'done' || r.body.status === 'failed') return r;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

/** Posts a CSV for a real import and resolves with the finished import (its `report` inside). */
export async function importCsv(t: TestContext, body: string | Uint8Array<ArrayBuffer>, token = t.a.adminToken) {
  const res = await t.app.request('/api/import/csv', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body });
  const started = (await res.json()) as { id: string };
  if (res.status !== 202) throw new Error(`import not started: ${res.status} ${JSON.stringify(started)}`);
  return (await importFinished(t, started.id, token)).body;
}
