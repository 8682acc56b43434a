import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { TeammateDeps } from '../../graph/deps';
import { startChat } from '../../agents/supervisor/chat';
import { modeOf } from '../../graph/run-scope';
import { eventsAfter, type ProgressEvent } from '../../graph/store/events';
import { followThread } from '../../graph/store/follow-thread';
import { latestRun } from '../../graph/store/runs';
import { findThread, listMessages, recentThreads } from '../../graph/store/threads';
import { AppError, notFound } from '../../lib/errors';
import type { PortalEnv, Ui } from '../env';
import { formStrings, type RawForm } from '../forms/values';
import { renderPage } from '../views/render';
import { Csrf, Flash, PageHeader } from '../views/ui';
import { UUID_RE } from '../../lib/ids';

type C = Context<PortalEnv>;

/** One progress event in the viewer's words: the page and the live stream share this. */
export function progressText(ui: Ui, e: Pick<ProgressEvent, 'kind' | 'data'>): string {
  const { t } = ui;
  const d = e.data as Record<string, unknown>;
  const n = (k: string) => ui.fmt.number(Number(d[k] ?? 0));
  const list = (k: string) => (Array.isArray(d[k]) ? (d[k] as unknown[]).map(String).join(', ') : '');
  switch (e.kind) {
    case 'run_started':
      return t(d.mode === 'model' ? 'chat.ev.startedModel' : 'chat.ev.startedOffline');
    case 'request_understood':
      return list('sectors') || list('places') ? t('chat.ev.understoodSearch', { sectors: list('sectors') || '—', places: list('places') || '—' }) : t('chat.ev.understood');
    case 'companies_found':
      return t('chat.ev.companies', { n: n('count') });
    case 'leads_created':
      return t('chat.ev.leads', { created: n('created'), known: n('known') });
    case 'drafting_started':
      return t('chat.ev.drafting', { n: n('total') });
    case 'draft_progress':
      return t('chat.ev.draftProgress', { done: n('done'), total: n('total') });
    case 'review_round':
      return t(d.verdict === 'pass' ? 'chat.ev.reviewPass' : 'chat.ev.reviewRevise', { round: n('round') });
    case 'drafts_queued': {
      const queued = t('chat.ev.queued', { n: n('queued'), flagged: n('needsAttention'), failed: n('failed') });
      // drafts a rule approved do not wait for anyone: said apart
      return Number(d.autoApproved ?? 0) > 0 ? `${queued} ${t('chat.ev.autoApproved', { n: n('autoApproved') })}` : queued;
    }
    case 'answer_ready':
      return t('chat.ev.answer');
    case 'clarification_needed':
      return t('chat.ev.question');
    case 'run_finished':
      return t(d.status === 'failed' ? 'chat.ev.failed' : d.status === 'awaiting_reply' ? 'chat.ev.waiting' : 'chat.ev.done');
    case 'error':
      return t('chat.ev.error', { message: String(d.message ?? '') });
    default:
      return String(e.kind);
  }
}

type Message = { id: string; role: string; content: string; run_id: string | null; data: Record<string, unknown>; created_at: Date };

function Conversation({ ui, messages, events, running, threadId }: { ui: Ui; messages: Message[]; events: ProgressEvent[]; running: boolean; threadId: string | null }) {
  const { t } = ui;
  // events shown under the message that started their run
  const byRun = new Map<string, ProgressEvent[]>();
  for (const e of events) {
    const list = byRun.get(e.runId) ?? [];
    // "drafts written: n of m" is one line that counts up, not ten lines
    if (e.kind === 'draft_progress' && list.at(-1)?.kind === 'draft_progress') list[list.length - 1] = e;
    else list.push(e);
    byRun.set(e.runId, list);
  }
  return (
    <div class="conversation" data-thread={threadId ?? ''} data-running={running ? 'true' : 'false'} data-after={String(events.at(-1)?.id ?? 0)}>
      <ol class="messages" aria-live="polite">
        {messages.map((m) => {
          const actions = Array.isArray(m.data.actions) ? (m.data.actions as unknown[]).length : 0;
          const runEvents = m.role === 'user' && m.run_id ? (byRun.get(m.run_id) ?? []) : [];
          return (
            <li class={`msg ${m.role === 'user' ? 'from-user' : 'from-teammate'}`}>
              <p class="who small">
                {m.role === 'user' ? t('chat.you') : t('chat.teammate')} · <time datetime={m.created_at.toISOString()}>{ui.fmt.dateTime(m.created_at)}</time>
              </p>
              <div class="bubble">{m.content}</div>
              {actions > 0 ? (
                <p class="results">
                  <a class="button" href="/library?status=pending_approval">
                    {t('chat.seeDrafts', { n: ui.fmt.number(actions) })}
                  </a>{' '}
                  <a href="/leads">{t('chat.seeLeads')}</a>
                </p>
              ) : null}
              {runEvents.length ? (
                <ol class="progress" aria-label={t('chat.progress')}>
                  {runEvents.map((e) => (
                    <li data-kind={e.kind}>{progressText(ui, e)}</li>
                  ))}
                </ol>
              ) : null}
            </li>
          );
        })}
      </ol>
      <ol class="progress live" data-live-progress aria-label={t('chat.progress')} aria-live="polite"></ol>
    </div>
  );
}

async function page(c: C, deps: TeammateDeps, opts: { error?: string | null; message?: string } = {}) {
  const ui = c.get('ui');
  const { t } = ui;
  const ctx = c.get('crm');
  const raw = c.req.query('thread');
  const threadId = raw && UUID_RE.test(raw) ? raw : null;
  const thread = threadId ? await findThread(ctx.db, ctx.workspaceId, threadId) : null;
  if (threadId && !thread) throw notFound('thread');
  const [threads, messages, events, run] = await Promise.all([
    recentThreads(ctx.db, ctx.workspaceId),
    thread ? listMessages(ctx.db, ctx.workspaceId, thread.id) : Promise.resolve([]),
    thread ? eventsAfter(ctx.db, ctx.workspaceId, thread.id, 0) : Promise.resolve([]),
    thread ? latestRun(ctx.db, ctx.workspaceId, thread.id) : Promise.resolve(undefined),
  ]);
  const mode = modeOf(deps);
  const prefill = opts.message ?? c.req.query('ask') ?? '';
  const examples = [t('chat.example1'), t('chat.example2'), t('chat.example3')];
  return renderPage(
    c,
    { title: t('chat.title'), section: 'chat', status: opts.error ? 400 : 200 },
    <>
      <PageHeader
        title={t('chat.title')}
        intro={t('chat.intro')}
        actions={
          thread ? (
            <a class="button" href="/chat">
              {t('chat.new')}
            </a>
          ) : undefined
        }
      />
      <p class={`mode ${mode}`} data-mode={mode}>
        {mode === 'offline' ? t('chat.offline') : t('chat.model', { model: deps.model?.name ?? c.get('deps').config.RELAIS_MODEL })}
      </p>
      <Flash kind="error" text={opts.error} />
      <div class="chat-layout">
        <section class="panel chat-main" aria-labelledby="conv-h">
          <h2 id="conv-h" class="sr-only">
            {t('chat.title')}
          </h2>
          {thread ? (
            <Conversation ui={ui} messages={messages as Message[]} events={events} running={run?.status === 'running'} threadId={thread.id} />
          ) : (
            <div class="conversation" data-thread="" data-running="false" data-after="0">
              <ol class="messages" aria-live="polite"></ol>
              <ol class="progress live" data-live-progress aria-label={t('chat.progress')} aria-live="polite"></ol>
              <p class="muted intro-empty">{t('chat.empty')}</p>
            </div>
          )}
          <form method="post" action="/chat" class="chat-form" data-chat-form data-sending={t('chat.sending')} novalidate>
            <Csrf token={c.get('viewer').csrf} />
            {thread ? <input type="hidden" name="threadId" value={thread.id} /> : null}
            <div class="field">
              <label for="f-message">{t('chat.label')}</label>
              <textarea id="f-message" name="message" rows={3} placeholder={t('chat.placeholder')} maxlength={4000} aria-describedby={opts.error ? 'chat-err' : undefined}>
                {prefill}
              </textarea>
            </div>
            <div class="form-actions">
              <button type="submit" class="primary" data-chat-send>
                {t('chat.send')}
              </button>
              <span class="muted small" data-chat-status aria-live="polite"></span>
            </div>
          </form>
        </section>
        <aside class="chat-side">
          <section class="panel" aria-labelledby="ex-h">
            <h2 id="ex-h">{t('chat.examples')}</h2>
            <ul class="plain examples">
              {examples.map((e) => (
                <li>
                  <a href={`/chat?${thread ? `thread=${thread.id}&` : ''}ask=${encodeURIComponent(e)}`}>{ui.quote(e)}</a>
                </li>
              ))}
            </ul>
          </section>
          <section class="panel" aria-labelledby="threads-h">
            <h2 id="threads-h">{t('chat.threads')}</h2>
            {threads.length === 0 ? (
              <p class="muted">{t('chat.noThreads')}</p>
            ) : (
              <ul class="plain">
                {threads.map((th) => (
                  <li>
                    <a href={`/chat?thread=${th.id}`} aria-current={th.id === thread?.id ? 'page' : undefined}>
                      {th.title}
                    </a>
                    <span class="muted small"> · {ui.fmt.dateTime(th.updated_at)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </>,
  );
}

export function chatRoutes(d: TeammateDeps) {
  return (
    new Hono<PortalEnv>()
      .get('/chat', (c) => page(c, d))
      /** Ask a teammate. The run goes on in the background; the page (or the script) follows it. */
      .post('/chat', async (c) => {
        const ui = c.get('ui');
        const v = formStrings((await c.req.parseBody()) as RawForm);
        const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
        const threadId = v.threadId && UUID_RE.test(v.threadId) ? v.threadId : undefined;
        const fail = (message: string, status: 400 | 409) => (wantsJson ? c.json({ ok: false, message }, status) : page(c, d, { error: message, message: v.message }));
        if (!v.message) return fail(ui.t('chat.messageRequired'), 400);
        if (v.message.length > 4000) return fail(ui.t('err.tooLong'), 400);
        const viewer = c.get('viewer');
        try {
          // a worker (this process's, or another) executes the run; the page follows its events
          const started = await startChat(d, { workspaceId: viewer.workspaceId, userId: viewer.userId, message: v.message, threadId });
          if (wantsJson) return c.json({ ok: true, threadId: started.threadId, runId: started.runId }, 202);
          return c.redirect(`/chat?thread=${started.threadId}`, 303);
        } catch (err) {
          if (err instanceof AppError && err.code === 'conflict') return fail(ui.t('chat.busy'), 409);
          throw err;
        }
      })
      /** Live progress over SSE, in the viewer's language; replays what was missed (?after=). */
      .get('/chat/:threadId/events', async (c) => {
        const ui = c.get('ui');
        const ctx = c.get('crm');
        const threadId = c.req.param('threadId');
        if (!UUID_RE.test(threadId) || !(await findThread(ctx.db, ctx.workspaceId, threadId))) throw notFound('thread');
        const lastHeader = Number(c.req.header('last-event-id'));
        const after = Number(c.req.query('after')) || (Number.isFinite(lastHeader) ? lastHeader : 0);
        return streamSSE(c, async (stream) => {
          const end = await followThread(
            ctx.db,
            { workspaceId: ctx.workspaceId, threadId, after },
            {
              send: (e) => stream.writeSSE({ id: String(e.id), data: JSON.stringify({ kind: e.kind, text: progressText(ui, e), data: e.data }) }),
              aborted: () => stream.aborted,
            },
          );
          if (!stream.aborted) await stream.writeSSE({ event: 'end', data: JSON.stringify(end) });
        });
      })
  );
}
