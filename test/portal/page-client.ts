import { decodeEntities } from '../support/html';
import type { TestContext } from '../support/context';
import { issueToken } from '../../identity/tokens';

// Helpers for driving Portal pages in-process (app.request) as a browser would: cookies kept,
// forms posted url-encoded with the page's CSRF token.
export type PageResponse = { status: number; html: string; location: string | null; headers: Headers };

export class PageClient {
  cookies = new Map<string, string>();
  constructor(private readonly t: TestContext) {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<PageResponse> {
    const res = await this.t.app.request(path, { headers: { cookie: this.cookieHeader(), accept: 'text/html', ...headers } });
    this.remember(res);
    return { status: res.status, html: await res.text(), location: res.headers.get('location'), headers: res.headers };
  }

  async post(path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<PageResponse> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = await this.t.app.request(path, {
      method: 'POST',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: body.toString(),
    });
    this.remember(res);
    return { status: res.status, html: await res.text(), location: res.headers.get('location'), headers: res.headers };
  }

  /** Sign in with a fresh single-use login link for this user: open it, then confirm on the page. */
  async signIn(workspaceId: string, userId: string, next?: string) {
    const token = await issueToken(this.t.db.kysely, workspaceId, userId, 'login', 'test');
    const page = await this.get(`/login?token=${token}${next ? `&next=${encodeURIComponent(next)}` : ''}`);
    if (page.status !== 200) throw new Error(`sign-in link refused: ${page.status}`);
    const res = await this.confirmSignIn(page.html);
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
    return res;
  }

  /** Press the button of a sign-in page (its POST form to /login, hidden fields as they are). */
  async confirmSignIn(html: string, extra: Record<string, string> = {}) {
    return this.post('/login', { ...PageClient.hiddenFields(html, '/login'), ...extra });
  }

  /** The hidden fields of the page's POST form to `action`, unescaped. */
  static hiddenFields(html: string, action: string): Record<string, string> {
    const start = html.indexOf(`<form method="post" action="${action}"`);
    if (start === -1) throw new Error(`no POST form to ${action} on the page`);
    const form = html.slice(start, html.indexOf('</form>', start));
    const out: Record<string, string> = {};
    for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) out[m[1]] = decodeEntities(m[2]);
    return out;
  }

  /** The CSRF token carried by the forms of a page. */
  static csrf(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no CSRF token on the page');
    return m[1];
  }

  async csrfToken(path = '/') {
    return PageClient.csrf((await this.get(path)).html);
  }
}
