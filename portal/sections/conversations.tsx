import { Hono, type Context } from 'hono';
import { CONVERSATION_CATEGORIES, getConversation, listConversations, markConversation, type ConversationDto, type MessageDto } from '../../crm/conversations';
import type { PortalEnv, Ui } from '../env';
import { formStrings, formVersion, type RawForm } from '../forms/values';
import { flashKey, idParam, listQuery } from '../forms/query';
import type { MessageKey } from '../i18n/fr';
import { renderPage } from '../views/render';
import { Csrf, Empty, FilterActions, Flash, PageHeader, Pager } from '../views/ui';

// Conversations: the replies that came back, newest activity first, unread in bold, with what the
// replier understood; a thread shows what Relais sent and what came back, quoted text folded.

type C = Context<PortalEnv>;
type Category = (typeof CONVERSATION_CATEGORIES)[number];

const categoryLabel = (ui: Ui, c: Category | null) => (c ? ui.t(`conversations.category.${c}` as MessageKey) : ui.t('common.none'));
const BADGE: Partial<Record<Category, string>> = {
  interested: 'ok',
  meeting_request: 'ok',
  question: 'outcome-open',
  not_interested: 'danger',
  unsubscribe: 'danger',
  bounce_hard: 'danger',
  bounce_soft: 'warn',
  out_of_office: 'warn',
  not_now: 'warn',
};
const who = (ui: Ui, c: ConversationDto) => c.personName ?? c.email ?? ui.t('conversations.unknownSender');

function CategoryBadge({ ui, c }: { ui: Ui; c: Category | null }) {
  return c ? <span class={`badge ${BADGE[c] ?? ''}`}>{categoryLabel(ui, c)}</span> : null;
}

function List({
  ui,
  items,
  query,
  nextCursor,
  flash,
}: {
  ui: Ui;
  items: ConversationDto[];
  query: Record<string, string | undefined>;
  nextCursor: string | null;
  flash: string | null;
}) {
  const { t } = ui;
  const filtered = Boolean(query.category || query.needsHuman);
  return (
    <>
      <PageHeader title={t('conversations.title')} intro={t('conversations.intro')} />
      <Flash text={flash} />
      <form method="get" action="/conversations" class="filters" role="search">
        <div class="field">
          <label for="category">{t('conversations.filter.category')}</label>
          <select id="category" name="category">
            <option value="">{t('common.all')}</option>
            {CONVERSATION_CATEGORIES.map((c) => (
              <option value={c} selected={query.category === c}>
                {categoryLabel(ui, c)}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <input id="needsHuman" type="checkbox" name="needsHuman" value="true" checked={query.needsHuman === 'true'} />
          <label for="needsHuman">{t('conversations.filter.needsHuman')}</label>
        </div>
        <FilterActions ui={ui} filtered={filtered} resetHref="/conversations" />
      </form>
      {items.length === 0 ? (
        filtered ? (
          <p class="muted">{t('common.noResults')}</p>
        ) : (
          <Empty title={t('conversations.empty.title')}>
            <p>{t('conversations.empty.body')}</p>
          </Empty>
        )
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('conversations.col.who')}</th>
                <th scope="col">{t('conversations.col.subject')}</th>
                <th scope="col">{t('conversations.col.category')}</th>
                <th scope="col" class="hide-sm">
                  {t('conversations.col.last')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr class={c.unread ? 'unread' : undefined} data-conversation={c.id}>
                  <th scope="row">
                    <a href={`/conversations/${c.id}`}>{c.unread ? <strong>{who(ui, c)}</strong> : who(ui, c)}</a>
                    {c.match === 'domain' ? <span class="muted small"> · {t('conversations.match.domain')}</span> : null}
                  </th>
                  <td>{c.unread ? <strong>{c.subject || t('common.none')}</strong> : c.subject || t('common.none')}</td>
                  <td>
                    <CategoryBadge ui={ui} c={c.category} />
                    {c.needsHuman ? <span class="badge warn">{t('conversations.needsHuman')}</span> : null}
                  </td>
                  <td class="hide-sm">{ui.fmt.dateTime(c.lastMessageAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager ui={ui} path="/conversations" query={query} nextCursor={nextCursor} />
    </>
  );
}

function Message({ ui, m }: { ui: Ui; m: MessageDto }) {
  const { t } = ui;
  const quoted = m.fullText.trim() !== m.text.trim() && m.fullText.trim().length > 0;
  return (
    <article class={`message ${m.direction}`} data-direction={m.direction}>
      <header>
        <strong>{m.direction === 'out' ? t('conversations.sentByYou') : (m.from ?? t('conversations.unknownSender'))}</strong>
        <span class="muted small"> · {ui.fmt.dateTime(m.date)}</span> {m.direction === 'in' ? <CategoryBadge ui={ui} c={m.category} /> : null}
        {typeof m.details.returnDate === 'string' ? <span class="muted small"> · {t('conversations.returnDate', { date: ui.fmt.date(m.details.returnDate) })}</span> : null}
      </header>
      <p class="small">{m.subject}</p>
      {m.parseError ? <p class="hint warn">{t('conversations.parseError')}</p> : null}
      <div class="message-text">{m.text || (m.direction === 'in' ? t('conversations.noText') : '')}</div>
      {quoted ? (
        <details>
          <summary>{t('conversations.showQuoted')}</summary>
          <div class="message-text muted">{m.fullText}</div>
        </details>
      ) : null}
    </article>
  );
}

function Thread({ ui, csrf, c, messages }: { ui: Ui; csrf: string; c: ConversationDto; messages: MessageDto[] }) {
  const { t } = ui;
  return (
    <>
      <PageHeader
        title={c.subject || who(ui, c)}
        actions={
          <a class="button quiet" href="/conversations">
            {t('conversations.back')}
          </a>
        }
      />
      <section class="panel">
        <p>
          {c.personId ? <a href={`/people/${c.personId}`}>{who(ui, c)}</a> : who(ui, c)} <CategoryBadge ui={ui} c={c.category} />
        </p>
        <p class="muted small">{t(`conversations.match.${c.match}` as MessageKey)}</p>
        {c.needsHuman ? (
          <form method="post" action={`/conversations/${c.id}/handled`}>
            <Csrf token={csrf} />
            <input type="hidden" name="version" value={String(c.version)} />
            <button type="submit" class="primary">
              {t('conversations.markHandled')}
            </button>
          </form>
        ) : c.handledAt ? (
          <p class="muted small">{t('conversations.handledAt', { date: ui.fmt.dateTime(c.handledAt) })}</p>
        ) : null}
      </section>
      <section class="thread" aria-label={t('conversations.messages')}>
        {messages.map((m) => (
          <Message ui={ui} m={m} />
        ))}
      </section>
    </>
  );
}

export const conversationRoutes = new Hono<PortalEnv>()
  .get('/conversations', async (c: C) => {
    const ui = c.get('ui');
    const query = listQuery(c, ['category', 'needsHuman'] as const);
    const category = (CONVERSATION_CATEGORIES as readonly string[]).includes(query.category ?? '') ? (query.category as Category) : undefined;
    const needsHuman = query.needsHuman === 'true' ? 'true' : undefined;
    const page = await listConversations(c.get('crm'), { limit: 25, cursor: query.cursor, category, needsHuman });
    const flash = flashKey(c);
    return renderPage(
      c,
      { title: ui.t('conversations.title'), section: 'conversations' },
      <List ui={ui} items={page.items} query={{ category, needsHuman }} nextCursor={page.nextCursor} flash={flash ? ui.t(flash) : null} />,
    );
  })
  .get('/conversations/:id', async (c: C) => {
    const ui = c.get('ui');
    const ctx = c.get('crm');
    let thread = await getConversation(ctx, idParam(c, 'conversation'));
    // opened is read: the bold goes away (a conflict only means someone else read it meanwhile)
    if (thread.unread) thread = { ...thread, ...(await markConversation(ctx, thread.id, { version: thread.version, read: true }).catch(() => thread)) };
    return renderPage(
      c,
      { title: thread.subject || ui.t('conversations.title'), section: 'conversations' },
      <Thread ui={ui} csrf={c.get('viewer').csrf} c={thread} messages={thread.messages} />,
    );
  })
  .post('/conversations/:id/handled', async (c: C) => {
    const id = idParam(c, 'conversation');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    await markConversation(c.get('crm'), id, { version: formVersion(v.version, true), handled: true });
    return c.redirect('/conversations?ok=handled', 303);
  });
