import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../env';
import type { Section } from '../views/layout';
import { renderPage } from '../views/render';
import { Empty, PageHeader } from '../views/ui';

type Honest = 'quotes' | 'sequences';

/** Sections whose capability has not landed: say plainly what will appear and how. */
function honestPage(c: Context<PortalEnv>, key: Honest & Section) {
  const { t } = c.get('ui');
  return renderPage(
    c,
    { title: t(`${key}.title`), section: key },
    <>
      <PageHeader title={t(`${key}.title`)} intro={t(`${key}.intro`)} />
      <Empty title={t(`${key}.empty.title`)}>
        <p>{t(`${key}.empty.body`)}</p>
        <p>
          <a class="button" href="/chat">
            {t('dash.empty.cta')}
          </a>
        </p>
      </Empty>
    </>,
  );
}

export const placeholderRoutes = new Hono<PortalEnv>().get('/quotes', (c) => honestPage(c, 'quotes')).get('/sequences', (c) => honestPage(c, 'sequences'));
