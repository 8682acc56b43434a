import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchOnce } from '../../channels/dispatcher';
import { closeTransports } from '../../channels/smtp';
import { seedDemo } from '../../identity/demo';
import { issueToken } from '../../identity/tokens';
import { testTeammates } from '../teammates/fixtures';
import { TEST_SECRET_KEY } from '../support/approval';
import { createTestContext, type TestContext } from '../support/context';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

// The Portal in a real browser: Debian's Chromium driven by playwright-core against the real
// server (createApp + @hono/node-server on an ephemeral port). Sign in with a login link, every
// section in French with a screenshot, English labels, a member without admin settings, the
// board's drag and drop, and the journey: ask in Discussion → drafts in the Library → edit and
// approve → reject with feedback → the revised version → connect SMTP → the email arrives.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = path.resolve('test-artifacts/screenshots');
// screenshots are for people reviewing the Portal (RELAIS_SCREENSHOTS=1 npm test); the suite's checks do not need them
const SCREENSHOTS = process.env.RELAIS_SCREENSHOTS === '1';
const shot = async (p: Page, name: string) => {
  if (SCREENSHOTS) await p.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};
const available = existsSync(CHROMIUM);
if (!available) console.warn(`[browser] ${CHROMIUM} is missing: install it with "apt-get install -y chromium" — the browser test is skipped`);

const SECTIONS = [
  ['dashboard', '/', 'Tableau de bord', 'Dashboard'],
  ['leads', '/leads', 'Prospects', 'Leads'],
  ['contacts', '/contacts', 'Contacts', 'Contacts'],
  ['deals', '/deals', 'Affaires', 'Deals'],
  ['quotes', '/quotes', 'Devis', 'Quotes'],
  ['conversations', '/conversations', 'Conversations', 'Conversations'],
  ['library', '/library', 'Bibliothèque', 'Library'],
  ['sequences', '/sequences', 'Séquences', 'Sequences'],
  ['reports', '/reports', 'Rapports', 'Reports'],
  ['forecasts', '/forecasts', 'Prévisions', 'Forecasts'],
  ['settings', '/settings', 'Paramètres', 'Settings'],
  ['chat', '/chat', 'Discussion', 'Chat'],
] as const;

let t: TestContext;
let sink: SmtpSink;
let server: ServerType;
let base = '';
let profile = '';
let browser: BrowserContext;
let page: Page;
const problems: string[] = [];

async function loginLink(userId: string) {
  return `${base}/login?token=${await issueToken(t.db.kysely, t.a.id, userId, 'login', 'browser test')}`;
}

function watch(p: Page) {
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  p.on('response', (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`);
  });
}

describe.skipIf(!available)('Portal in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sink = await startSmtpSink({ user: 'relais', password: 'mot-de-passe' });
    t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY, RELAIS_SEND_WINDOW: 'off' }, { teammates: testTeammates() });
    await seedDemo(t.db.kysely);
    // a worker as `npm start` runs one (teammate runs, revisions after a send-back); the test
    // drives the dispatcher itself
    t.startWorker();
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = mkdtempSync(path.join(os.tmpdir(), 'relais-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    page = browser.pages()[0] ?? (await browser.newPage());
    watch(page);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    closeTransports();
    await t?.close();
    await sink?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('signs in with the printed login link', async () => {
    // without a session, a page sends to the sign-in page, which says how to get a link
    await page.goto(`${base}/deals`);
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await page.locator('main').textContent()).toContain('token create');
    await shot(page, 'fr-login');
    await page.goto(await loginLink(t.a.adminId));
    // a link only names the account it opens: the button signs in (no login CSRF)
    expect(await page.locator('[data-confirm-signin]').textContent()).toContain('Atelier A admin');
    await page.locator('[data-confirm-signin] button[type="submit"]').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('h1').textContent()).toBe('Tableau de bord');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    // the first Tab reaches the skip link, visibly
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    expect(problems).toEqual([]);
  });

  it('asks in Discussion, reviews the drafts (edit+approve, reject with feedback, revision), connects SMTP, the email arrives', async () => {
    await page.goto(`${base}/chat`);
    expect(await page.locator('[data-mode]').textContent()).toContain('Mode hors ligne');
    await page.locator('#f-message').fill('Trouve 10 entreprises de rénovation à Lyon et écris-leur');
    await page.locator('[data-chat-send]').click();
    // live progress over SSE (a fast run may end, and the page reload with its progress, before
    // a poll sees the live list), then the conversation with its links
    await page.locator('[data-live-progress] li, ol.progress li').first().waitFor({ timeout: 20_000 });
    const seeDrafts = page.locator('.results a.button');
    await seeDrafts.waitFor({ timeout: 30_000 });
    expect(await page.locator('ol.progress li[data-kind="drafts_queued"]').count()).toBeGreaterThanOrEqual(1);
    await shot(page, 'fr-chat-conversation');
    await seeDrafts.click();
    await page.waitForURL((u) => u.pathname === '/library');
    const rows = page.locator('[data-action-row]');
    expect(await rows.count()).toBeGreaterThanOrEqual(10);
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-action-row')!));

    // edit one, see the diff, confirm
    await page.goto(`${base}/library/${ids[0]}`);
    await shot(page, 'fr-library-detail');
    const body = await page.locator('#f-body').inputValue();
    await page.locator('details.edit summary').click();
    await page.locator('#f-body').fill(`${body}\n\nPS : nous intervenons aussi le samedi.`);
    await page.locator('details.edit button[type="submit"]').click();
    await page.locator('.review .diff').waitFor();
    expect(await page.locator('.review ins', { hasText: 'le samedi' }).count()).toBe(1);
    await shot(page, 'fr-library-diff');
    await page.locator('.review button.primary').click();
    await page.locator('[data-why]').waitFor();
    expect(await page.locator('[data-why]').textContent()).toContain('aucun canal connecté');

    // reject another with feedback: it goes back to the drafter, whose new version lands here
    await page.goto(`${base}/library/${ids[1]}`);
    await page.locator('details.reject summary').click();
    await page.locator('#f-reason').fill('Plus court, et proposez un rendez-vous la semaine prochaine.');
    expect(await page.locator('#f-sendBack').isChecked()).toBe(true);
    await page.locator('details.reject button[type="submit"]').click();
    await page.waitForURL((u) => u.searchParams.get('ok') === 'sentBack');
    // the revision runs in the background: wait for its run to finish, then read the new version
    await expect
      .poll(async () => (await t.db.kysely.selectFrom('teammate_runs').select('status').where('kind', '=', 'revise').execute()).map((r) => r.status), {
        timeout: 20_000,
        interval: 250,
      })
      .toEqual(['succeeded']);
    expect(await t.db.kysely.selectFrom('actions').select(['status', 'version']).where('id', '=', ids[1]).executeTakeFirstOrThrow()).toMatchObject({
      status: 'pending_approval',
      version: 2,
    });
    await page.goto(`${base}/library/${ids[1]}`);
    expect(await page.locator('body').textContent()).toContain('Version 2');
    await page.locator('button[data-approve]').click();
    await page.locator('[data-why]').waitFor();

    // connect SMTP in Settings, test it, and let the dispatcher send
    await page.goto(`${base}/settings#connectors`);
    await page.locator('#f-host').fill('127.0.0.1');
    await page.locator('#f-port').fill(String(sink.port));
    await page.locator('#f-noTls').check(); // the test sink is a local relay without TLS
    await page.locator('#f-user').fill('relais');
    await page.locator('#f-password').fill('mot-de-passe');
    await page.locator('#f-fromEmail').fill('contact@atelier-a.fr');
    await page.locator('#f-fromName').fill('Atelier A');
    await page.locator('form[action="/settings/connectors/smtp"] button[type="submit"]').click();
    await page.waitForURL((u) => u.searchParams.get('ok') === 'smtp');
    await page.locator('[data-connector] form[action$="/test"] button').first().click();
    await page.locator('.flash', { hasText: 'Connexion réussie' }).waitFor();
    const stats = await dispatchOnce({ db: t.db.kysely, config: t.config, logger: t.deps.logger });
    expect(stats.sent).toBe(2);
    const edited = sink.received.find((m) => m.headers.get('message-id')?.startsWith(`<${ids[0]}@`));
    expect(edited?.text).toContain('nous intervenons aussi le samedi');
    expect(edited?.text).toContain('/u/');
    expect(sink.received.some((m) => m.headers.get('message-id')?.startsWith(`<${ids[1]}@`))).toBe(true);
    await page.goto(`${base}/library?status=sent`);
    expect(await page.locator('[data-action-row]').count()).toBe(2);
    expect(problems).toEqual([]);
  });

  it('walks every section in French, with a screenshot of each', async () => {
    await page.goto(`${base}/`);
    for (const [key, href, fr] of SECTIONS) {
      await page.locator(`nav.sections a[data-nav="${key}"]`).click();
      await page.waitForURL((u) => u.pathname === href);
      expect(await page.locator(`nav.sections a[aria-current="page"]`).textContent(), key).toBe(fr);
      expect(await page.locator('.attention').count(), key).toBe(1);
      await shot(page, `fr-${key}`);
    }
    expect(problems).toEqual([]);
  });

  it('moves a deal on the board by drag and drop', async () => {
    await page.goto(`${base}/deals`);
    const card = page.locator('.column[data-stage="nouveau"] .deal-card').first();
    const dealId = await card.getAttribute('data-deal');
    await card.dragTo(page.locator('.column[data-stage="qualifie"] .deal-cards'));
    await page.locator('.flash[data-live]').waitFor();
    expect(await page.locator('.flash[data-live]').textContent()).toContain('Qualifié');
    expect(await page.locator(`.column[data-stage="qualifie"] [data-deal="${dealId}"]`).count()).toBe(1);
    const row = await t.db.kysely
      .selectFrom('deals')
      .innerJoin('pipeline_stages', 'pipeline_stages.id', 'deals.stage_id')
      .select('pipeline_stages.key')
      .where('deals.id', '=', dealId!)
      .executeTakeFirstOrThrow();
    expect(row.key).toBe('qualifie');
    expect(problems).toEqual([]);
  });

  it('switches to English and names every section as specified', async () => {
    await page.goto(`${base}/`);
    await page.locator('.langs a[hreflang="en"]').click();
    await page.waitForURL((u) => u.searchParams.get('lang') === 'en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const labels = await page.locator('nav.sections a').allTextContents();
    expect(labels).toEqual(SECTIONS.map((s) => s[3]));
    expect(await page.locator('.attention').textContent()).toContain('Needs attention');
    // the choice is remembered: other sections open in English without ?lang=
    for (const [key, href, , en] of SECTIONS.filter(([k]) => ['deals', 'library', 'settings'].includes(k))) {
      await page.goto(`${base}${href}`);
      expect(await page.locator('html').getAttribute('lang'), key).toBe('en');
      expect(await page.locator('nav.sections a[aria-current="page"]').textContent(), key).toBe(en);
    }
    await page.goto(`${base}/?lang=fr`);
    expect(problems).toEqual([]);
  });

  it('fits a phone screen', async () => {
    const phone = await browser.newPage();
    watch(phone);
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const href of ['/', '/deals', '/library', '/settings']) {
      await phone.goto(`${base}${href}`);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, href).toBeLessThanOrEqual(1);
    }
    await phone.goto(`${base}/`);
    await shot(phone, 'fr-dashboard-phone');
    await phone.close();
    expect(problems).toEqual([]);
  });

  it('does not show admin-only settings to a member', async () => {
    // the persistent profile is shared: sign the admin out of it, then sign in as a member
    await browser.clearCookies();
    const p = await browser.newPage();
    watch(p);
    await p.goto(await loginLink(t.a.memberId));
    await p.locator('[data-confirm-signin] button[type="submit"]').click();
    await p.waitForURL((u) => u.pathname === '/');
    await p.goto(`${base}/settings?lang=fr`);
    const text = (await p.locator('main').textContent()) ?? '';
    expect(text).toContain('Seul un administrateur');
    for (const hidden of ['Membres et rôles', 'Connecteurs', 'Approbation automatique']) expect(text).not.toContain(hidden);
    expect(await p.locator('form[action="/settings/identity"]').count()).toBe(0);
    await shot(p, 'fr-settings-member');
    await p.close();
    expect(problems).toEqual([]);
  });
});
