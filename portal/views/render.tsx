import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { needsAttentionCount } from '../../actions/counts';
import type { PortalEnv } from '../env';
import { Layout, type Section } from './layout';

export type PageOptions = {
  title: string;
  section?: Section | null;
  status?: ContentfulStatusCode;
  /** the "À valider" count when the page already read it (saves a query) */
  attention?: number | null;
};

/** A full page for the signed-in viewer: layout, navigation and the "À valider" count. */
export async function renderPage(c: Context<PortalEnv>, opts: PageOptions, body: Child) {
  const url = new URL(c.req.url);
  const viewer = c.get('viewer');
  const attention = opts.attention !== undefined ? opts.attention : viewer ? await needsAttentionCount(c.get('crm')) : null;
  return c.html(
    <Layout ui={c.get('ui')} viewer={viewer ?? null} title={opts.title} section={opts.section} path={url.pathname + url.search} attention={attention}>
      {body}
    </Layout>,
    opts.status ?? 200,
  );
}

/** A page shown without a session (sign-in, errors before sign-in). */
export function renderPublic(c: Context<PortalEnv>, opts: PageOptions, body: Child) {
  const url = new URL(c.req.url);
  return c.html(
    <Layout ui={c.get('ui')} viewer={null} title={opts.title} path={url.pathname + url.search}>
      {body}
    </Layout>,
    opts.status ?? 200,
  );
}
