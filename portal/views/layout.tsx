import type { Child } from 'hono/jsx';
import type { Ui, Viewer } from '../env';
import type { MessageKey } from '../i18n';
import { assetUrl } from '../static/assets';
import { Csrf } from './ui';

/** The sections across the top, in the seed's order. */
export const NAV = [
  ['dashboard', '/'],
  ['leads', '/leads'],
  ['contacts', '/contacts'],
  ['deals', '/deals'],
  ['quotes', '/quotes'],
  ['conversations', '/conversations'],
  ['library', '/library'],
  ['sequences', '/sequences'],
  ['reports', '/reports'],
  ['forecasts', '/forecasts'],
  ['settings', '/settings'],
  ['chat', '/chat'],
] as const;

export type Section = (typeof NAV)[number][0];

/** The same URL with another ?lang= (other query parameters kept). */
export function withLang(path: string, lang: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}

type Props = {
  ui: Ui;
  viewer: Viewer | null;
  title: string;
  section?: Section | null;
  /** current path + query, for the language links */
  path: string;
  /** null: the approval gate is not installed on this server */
  attention?: number | null;
  children?: Child;
};

export function Layout({ ui, viewer, title, section, path, attention, children }: Props) {
  const { t } = ui;
  return (
    <html lang={ui.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href={assetUrl('portal.css')} />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        <script src={assetUrl('portal.js')} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {t('app.skip')}
        </a>
        <header class="top">
          <div class="bar">
            <a class="brand" href="/">
              <span class="logo" aria-hidden="true">
                R
              </span>
              <span class="brand-name">{t('app.name')}</span>
              {viewer ? <span class="ws">{viewer.workspaceName}</span> : null}
            </a>
            {viewer ? <Attention ui={ui} count={attention ?? null} /> : null}
            <div class="bar-end">
              <nav class="langs" aria-label={t('app.language')}>
                {(['fr', 'en'] as const).map((l) => (
                  <a href={withLang(path, l)} lang={l} hreflang={l} aria-current={ui.lang === l ? 'true' : undefined}>
                    {l.toUpperCase()}
                    <span class="sr-only"> — {t(`app.lang.${l}`)}</span>
                  </a>
                ))}
              </nav>
              {viewer ? (
                <>
                  <span class="who">{t('app.signedInAs', { name: viewer.displayName, role: t(`role.${viewer.role}`) })}</span>
                  <form method="post" action="/logout" class="inline">
                    <Csrf token={viewer.csrf} />
                    <button type="submit" class="link-button">
                      {t('app.signOut')}
                    </button>
                  </form>
                </>
              ) : null}
            </div>
          </div>
          {viewer ? (
            <nav class="sections" aria-label={t('app.mainNav')}>
              <ul>
                {NAV.map(([key, href]) => (
                  <li>
                    <a href={href} aria-current={section === key ? 'page' : undefined} data-nav={key}>
                      {t(`nav.${key}` as MessageKey)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="foot">
          <p>{t('app.tagline')}</p>
        </footer>
      </body>
    </html>
  );
}

function Attention({ ui, count }: { ui: Ui; count: number | null }) {
  const n = count ?? 0;
  return (
    <a class={`attention${n > 0 ? ' has' : ''}`} href="/library?status=pending_approval" title={ui.t('attention.title', { n })} data-attention={n}>
      {ui.t('attention.label')}
      <span class="count">{count === null ? '–' : ui.fmt.number(n)}</span>
    </a>
  );
}
