import { describe, expect, it } from 'vitest';
import { recogniseAutomatic } from './automatic';
import { parseMessage } from './parse';

/** A plain message with extra headers; `body` is what the sender wrote. */
function mail(headers: string[], body = 'Bonjour, merci pour votre message.', subject = 'Re: Votre offre') {
  return [
    'From: Pierre Durand <pierre@durand.fr>',
    'To: camille@atelier.fr',
    `Subject: ${subject}`,
    'Date: Mon, 4 Jan 2027 10:00:00 +0100',
    ...headers,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

async function verdict(raw: string) {
  return recogniseAutomatic(await parseMessage(raw));
}

const HARD_DSN = `Return-Path: <>
From: MAILER-DAEMON@mail.atelier.fr (Mail Delivery System)
To: camille@atelier.fr
Subject: Undelivered Mail Returned to Sender
Date: Thu, 3 Dec 2026 10:12:45 +0100
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="B1/mail.atelier.fr"

--B1/mail.atelier.fr
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not be delivered.

--B1/mail.atelier.fr
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.atelier.fr

Final-Recipient: rfc822; j.durand@durand.fr
Original-Recipient: rfc822;j.durand@durand.fr
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <j.durand@durand.fr>: Recipient
    address rejected: User unknown

--B1/mail.atelier.fr
Content-Type: message/rfc822

From: Camille <camille@atelier.fr>
To: j.durand@durand.fr
Subject: Offre
Message-ID: <act_7.relais@atelier.fr>

Non merci ? Répondez simplement.

--B1/mail.atelier.fr--
`;

const SOFT_DSN = HARD_DSN.replace('Action: failed', 'Action: delayed')
  .replace('Status: 5.1.1', 'Status: 4.4.1')
  .replace(/550 5\.1\.1/g, '451 4.4.1');

describe('automatic mail from headers', () => {
  it('a message a person wrote has no verdict', async () => {
    expect(await verdict(mail([]))).toBeNull();
    expect(await verdict(mail(['Auto-Submitted: no']))).toBeNull();
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'auto-submitted'],
    ['Auto-Submitted: auto-generated', 'auto-submitted'],
    ['X-Autoreply: yes', 'x-autoreply'],
    ['X-Autorespond: Pierre', 'x-autorespond'],
    ['Precedence: auto_reply', 'precedence'],
    ['Precedence: bulk', 'precedence'],
    ['Precedence: junk', 'precedence'],
    ['List-Id: <news.durand.fr>', 'list-id'],
    ['Return-Path: <>', 'return-path'],
  ])('%s is automatic', async (h, signal) => {
    const v = await verdict(mail([h]));
    expect(v?.kind).toBe('automatic');
    expect(v?.signal).toContain(signal);
  });

  it('an autoreply subject is automatic without any header', async () => {
    expect((await verdict(mail([], 'Je suis absent.', 'Réponse automatique : Votre offre')))?.kind).toBe('automatic');
    expect((await verdict(mail([], 'I am away.', 'Automatic reply: Your offer')))?.kind).toBe('automatic');
  });

  it("keeps the returned message's Message-ID, to find what bounced", async () => {
    expect((await parseMessage(HARD_DSN)).returnedMessageId).toBe('<act_7.relais@atelier.fr>');
  });

  it('reads an RFC 3464 report: failed 5.x.x is hard, delayed 4.x.x soft', async () => {
    expect(await verdict(HARD_DSN)).toEqual({ kind: 'bounce_hard', signal: 'dsn failed 5.1.1' });
    expect(await verdict(SOFT_DSN)).toEqual({ kind: 'bounce_soft', signal: 'dsn delayed 4.4.1' });
  });

  it('a report that the message was delivered is automatic, not a bounce', async () => {
    const delivered = HARD_DSN.replace('Action: failed', 'Action: delivered')
      .replace('Status: 5.1.1', 'Status: 2.0.0')
      .replace('Undelivered Mail Returned to Sender', 'Delivery Status Notification (Success)');
    expect((await verdict(delivered))?.kind).toBe('automatic');
  });

  it('recognises non-standard bounce texts', async () => {
    const orange = [
      'From: Mail Delivery System <MAILER-DAEMON@orange.fr>',
      'To: c@a.fr',
      'Subject: Message non remis',
      'Date: Tue, 29 Dec 2026 08:00:00 +0100',
      '',
      "Votre message n'a pas pu être délivré : adresse inconnue.",
    ].join('\n');
    expect((await verdict(orange))?.kind).toBe('bounce_hard');
    const full = [
      'From: MAILER-DAEMON@free.fr',
      'To: c@a.fr',
      'Subject: Message non remis',
      'Date: Tue, 29 Dec 2026 08:00:00 +0100',
      '',
      'La boîte aux lettres du destinataire est pleine (452 4.2.2). Une nouvelle tentative sera effectuée.',
    ].join('\n');
    expect((await verdict(full))?.kind).toBe('bounce_soft');
    const exchange = [
      'From: Microsoft Outlook <postmaster@x.com>',
      'To: c@a.fr',
      'Subject: Undeliverable: Offer',
      'Date: Tue, 29 Dec 2026 08:00:00 +0100',
      '',
      "Delivery has failed to these recipients or groups: the email address couldn't be found.",
    ].join('\n');
    expect((await verdict(exchange))?.kind).toBe('bounce_hard');
  });

  it('a person writing "undeliverable" in the text is not a bounce', async () => {
    expect(await verdict(mail([], 'Your last email was undeliverable to my colleague, user unknown apparently.'))).toBeNull();
  });
});
