import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';
import { findImportForJob } from '../../db/repositories/imports';
import type { CrmCtx } from '../context';
import { failImport, getImport, IMPORT_CHUNK, previewCsvImport, runImport, startCsvImport } from './import';

// The import job without a worker: runImport called here, interrupted and run again.
let t: TestContext;
let ctx: CrmCtx;
beforeAll(async () => {
  t = await createTestContext();
  ctx = { db: t.db.kysely, jobs: t.deps.jobs, workspaceId: t.a.id, actor: { type: 'user', id: t.a.adminId } };
});
afterAll(async () => t?.close());

const deps = () => ({ db: t.db.kysely, jobs: t.deps.jobs });

/** n companies, one postcode each (so no two are near-duplicates), each with one person. */
function file(n: number, tag: string): Uint8Array {
  const lines = ['Raison sociale;Code postal;Prénom;Nom;E-mail'];
  for (let i = 0; i < n; i++) lines.push(`Toitures ${tag} ${i};${20_000 + i};Inès;${tag}${i};ines.${tag.toLowerCase()}${i}@exemple.example`);
  return new TextEncoder().encode(lines.join('\n'));
}

async function companiesNamed(prefix: string): Promise<string[]> {
  const rows = await t.db.kysely.selectFrom('companies').select('name').where('workspace_id', '=', t.a.id).where('name', 'like', `${prefix}%`).execute();
  return rows.map((r) => r.name);
}

describe('CSV import job', () => {
  it('commits whole chunks only, and a retry resumes after the last committed one', async () => {
    const n = IMPORT_CHUNK * 2 + 50;
    const started = await startCsvImport(ctx, file(n, 'Reprise'));
    expect(started).toMatchObject({ status: 'queued', progress: { linesDone: 0, linesTotal: n }, report: null });

    // the first attempt dies after its first chunk
    const ac = new AbortController();
    await expect(runImport(deps(), started.id, { signal: ac.signal, onChunk: () => ac.abort(new Error('worker killed')) })).rejects.toThrow('worker killed');
    expect(await companiesNamed('Toitures Reprise')).toHaveLength(IMPORT_CHUNK);
    expect(await getImport(ctx, started.id)).toMatchObject({ status: 'running', progress: { linesDone: IMPORT_CHUNK, linesTotal: n }, report: null });

    // the retry: the rest, once
    const chunks: number[] = [];
    await runImport(deps(), started.id, { onChunk: (k) => chunks.push(k) });
    expect(chunks).toEqual([1, 2]);
    const names = await companiesNamed('Toitures Reprise');
    expect(names).toHaveLength(n);
    expect(new Set(names).size).toBe(n);
    const done = await getImport(ctx, started.id);
    expect(done).toMatchObject({ status: 'done', progress: { linesDone: n, linesTotal: n } });
    expect(done.report).toMatchObject({ dryRun: false, rows: n, companies: { created: n, merged: 0 }, people: { created: n, merged: 0 } });
    // the plan (personal data) is not kept once the import ended
    expect((await findImportForJob(t.db.kysely, started.id))?.plan).toBeNull();

    // a job delivered again after the end does nothing
    await runImport(deps(), started.id);
    expect(await companiesNamed('Toitures Reprise')).toHaveLength(n);
  });

  it('never writes a chunk twice when two attempts race', async () => {
    const n = IMPORT_CHUNK + 30;
    const started = await startCsvImport(ctx, file(n, 'Course'));
    const results = await Promise.allSettled([runImport(deps(), started.id), runImport(deps(), started.id)]);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(await companiesNamed('Toitures Course')).toHaveLength(n);
    expect((await getImport(ctx, started.id)).report?.companies).toEqual({ created: n, merged: 0 });
  });

  it('a dry run over several chunks reports what the import then does, and the import again merges everything', async () => {
    const n = IMPORT_CHUNK + 10;
    const bytes = file(n, 'Essai');
    const dry = await previewCsvImport(ctx, bytes);
    expect(dry).toMatchObject({ dryRun: true, rows: n, companies: { created: n, merged: 0 }, people: { created: n, merged: 0 } });
    expect(await companiesNamed('Toitures Essai')).toHaveLength(0);
    const started = await startCsvImport(ctx, bytes);
    await runImport(deps(), started.id);
    expect((await getImport(ctx, started.id)).report).toMatchObject({ companies: dry.companies, people: dry.people });
    const again = await previewCsvImport(ctx, bytes);
    expect(again).toMatchObject({ companies: { created: 0, merged: n }, people: { created: 0, merged: n } });
  });

  it('an import that fails for good says so and drops its plan', async () => {
    const started = await startCsvImport(ctx, file(3, 'Panne'));
    await failImport(deps(), started.id, new Error('database unreachable'));
    expect(await getImport(ctx, started.id)).toMatchObject({ status: 'failed', error: 'database unreachable', report: null, finishedAt: expect.any(String) });
    expect((await findImportForJob(t.db.kysely, started.id))?.plan).toBeNull();
    await runImport(deps(), started.id);
    expect(await companiesNamed('Toitures Panne')).toHaveLength(0);
  });
});
