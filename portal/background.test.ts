import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChat } from '../agents/supervisor/chat';
import { failAbandonedRun } from '../graph/runner';
import { createTestContext, type TestContext } from '../test/support/context';
import { PageClient } from '../test/portal/page-client';

// Settings → Travaux en arrière-plan: what failed in the background (a run whose job kept
// failing, or whose teammate failed) is shown to the workspace's admins with the reason.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

async function as(workspaceId: string, userId: string, lang: 'fr' | 'en' = 'fr') {
  const p = new PageClient(t);
  await p.signIn(workspaceId, userId);
  return { p, page: (await p.get(`/settings?lang=${lang}`)).html };
}

describe('Settings → background work', () => {
  it('says nothing failed, then lists a run that failed after its last attempt, with the reason, to admins only', async () => {
    expect((await as(t.a.id, t.a.adminId)).page).toContain('Rien n’a échoué récemment.');
    // a run whose job reached its last attempt: the worker's final-failure hook fails it with the reason
    const started = await startChat(t.teammates, { workspaceId: t.a.id, userId: t.a.adminId, message: 'combien de prospects ?' });
    await failAbandonedRun(t.teammates, started.runId, new Error('the worker died three times'));

    const fr = (await as(t.a.id, t.a.adminId)).page;
    expect(fr).toContain('Travaux en arrière-plan');
    expect(fr).toContain('Une demande dans la discussion');
    expect(fr).toContain('the worker died three times');
    expect(fr).toContain(`/chat?thread=${started.threadId}`);
    const en = (await as(t.a.id, t.a.adminId, 'en')).page;
    expect(en).toContain('Background work');
    expect(en).toContain('A request in the chat');

    // the conversation says it too, in the workspace's language; the technical reason stays on the run
    const thread = await t.request('GET', `/api/chat/${started.threadId}`);
    expect(thread.body.run).toMatchObject({ status: 'failed', error: 'the worker died three times' });
    expect(thread.body.messages.at(-1)).toMatchObject({ role: 'assistant', content: 'Je n’ai pas pu terminer : une erreur interne est survenue ; elle a été consignée.' });

    // members do not see the section; another workspace sees none of it
    expect((await as(t.a.id, t.a.memberId)).page).not.toContain('Travaux en arrière-plan');
    const other = (await as(t.b.id, t.b.adminId)).page;
    expect(other).toContain('Rien n’a échoué récemment.');
    expect(other).not.toContain('the worker died three times');
  });
});
