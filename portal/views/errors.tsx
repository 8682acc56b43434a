import type { Context } from 'hono';
import type { PortalEnv } from '../env';
import { uiFor } from '../i18n/ui';
import { renderPage, renderPublic } from './render';
import { Empty } from './ui';

type Kind = 'notFound' | 'forbidden' | 'csrf' | 'server' | 'unavailable' | 'badRequest';
const STATUS = { notFound: 404, forbidden: 403, csrf: 403, server: 500, unavailable: 503, badRequest: 400 } as const;

/** An error as a page in the viewer's language, with the way back; a refused input names its field. */
export async function renderError(c: Context<PortalEnv>, kind: Kind, field = '') {
  if (!c.get('ui')) c.set('ui', uiFor('fr'));
  const { t } = c.get('ui');
  const title = t(`error.${kind}.title`);
  const body = (
    <Empty title={title}>
      <p>{t(`error.${kind}.body`, { field })}</p>
      <p>
        <a class="button" href="/">
          {t('error.backHome')}
        </a>
      </p>
    </Empty>
  );
  const opts = { title, status: STATUS[kind] };
  // an error page must never fail itself: without a usable session, the bare layout
  if (kind === 'unavailable') c.header('Retry-After', '5');
  if (c.get('viewer') && kind !== 'server' && kind !== 'unavailable') {
    try {
      return await renderPage(c, opts, body);
    } catch {
      /* fall through */
    }
  }
  return renderPublic(c, opts, body);
}

export const renderCsrfRejected = (c: Context<PortalEnv>) => renderError(c, 'csrf');
