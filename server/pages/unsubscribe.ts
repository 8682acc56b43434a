import { describeUnsubscribe, optOutByToken } from '../../actions/recipient-rights';
import { secretKeys } from '../../lib/secrets';
import { router } from '../openapi';
import type { Language } from '../../lib/language';

// Public opt-out pages behind the signed link of every email: no account, no login (the signature
// is the authorisation). GET only shows a confirmation; POST records the objection — including
// RFC 8058 one-click POSTs sent by mail clients ("List-Unsubscribe=One-Click").
const TEXT = {
  fr: {
    title: 'Désinscription',
    ask: (s: string) => `Vous ne souhaitez plus recevoir de messages de ${s} ?`,
    button: 'Me désinscrire',
    done: (s: string) => `C'est fait : ${s} ne vous enverra plus de messages.`,
    already: (s: string) => `Vous êtes déjà désinscrit : ${s} ne vous enverra plus de messages.`,
    invalid: "Ce lien de désinscription n'est pas valide ou a expiré.",
    other: 'English',
  },
  en: {
    title: 'Unsubscribe',
    ask: (s: string) => `Do you want to stop receiving messages from ${s}?`,
    button: 'Unsubscribe me',
    done: (s: string) => `Done: ${s} will not send you any more messages.`,
    already: (s: string) => `You are already unsubscribed: ${s} will not send you any more messages.`,
    invalid: 'This unsubscribe link is not valid or has expired.',
    other: 'Français',
  },
} as const;

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function page(lang: Language, body: string, token?: string): string {
  const t = TEXT[lang];
  const switcher = token ? `<p><a href="/u/${esc(token)}?lang=${lang === 'fr' ? 'en' : 'fr'}">${t.other}</a></p>` : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${t.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2933}button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #1f2933;background:#1f2933;color:#fff;cursor:pointer}</style>
</head><body><h1>${t.title}</h1>${body}${switcher}</body></html>`;
}

const pickLang = (q: string | undefined, fallback: Language): Language => (q === 'fr' || q === 'en' ? q : fallback);

export const unsubscribePages = router();
unsubscribePages
  .get('/u/:token', async (c) => {
    const token = c.req.param('token');
    const deps = c.get('deps');
    const info = await describeUnsubscribe(deps.db, secretKeys(deps.config), token);
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    if (!info) return c.html(page(pickLang(c.req.query('lang'), 'fr'), `<p>${TEXT.fr.invalid}</p><p lang="en">${TEXT.en.invalid}</p>`), 404);
    const lang = pickLang(c.req.query('lang'), info.language);
    const t = TEXT[lang];
    const sender = esc(info.sender);
    if (info.alreadyOptedOut) return c.html(page(lang, `<p>${t.already(sender)}</p>`, token), 200);
    const form = `<p>${t.ask(sender)}</p><form method="post" action="/u/${esc(token)}?lang=${lang}"><button type="submit">${t.button}</button></form>`;
    return c.html(page(lang, form, token), 200);
  })
  .post('/u/:token', async (c) => {
    const token = c.req.param('token');
    const deps = c.get('deps');
    const keys = secretKeys(deps.config);
    const info = await describeUnsubscribe(deps.db, keys, token);
    const result = info ? await optOutByToken(deps.db, keys, token) : null;
    c.header('Cache-Control', 'no-store');
    if (!info || !result) return c.html(page('fr', `<p>${TEXT.fr.invalid}</p><p lang="en">${TEXT.en.invalid}</p>`), 404);
    deps.logger.info({ people: result.people.length, cancelled: result.cancelled }, 'opt-out recorded from an unsubscribe link');
    const lang = pickLang(c.req.query('lang'), info.language);
    return c.html(page(lang, `<p>${TEXT[lang].done(esc(info.sender))}</p>`), 200);
  });
