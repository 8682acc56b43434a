import { describe, expect, it } from 'vitest';
import { parseMessage } from './parse';

describe('parseMessage', () => {
  it('reads headers, threading ids and the new text apart from the quote', async () => {
    const raw = [
      'From: =?UTF-8?Q?J=C3=A9r=C3=B4me?= <Jerome@Faure.fr>',
      'To: camille@atelier.fr',
      'Subject: Re: Offre',
      'Date: Thu, 3 Dec 2026 11:02:17 +0100',
      'Message-ID: <abc@mail.gmail.com>',
      'In-Reply-To: <act_1.relais@atelier.fr>',
      'References: <act_0.relais@atelier.fr>\r\n <act_1.relais@atelier.fr>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Oui, ça m’intéresse.',
      '',
      'Le jeu. 3 déc. 2026 à 10:12, Camille Martin <camille@atelier.fr> a',
      'écrit :',
      '> Non merci suffit.',
    ].join('\r\n');
    const m = await parseMessage(raw);
    expect(m.parseError).toBeUndefined();
    expect(m.from).toEqual({ name: 'Jérôme', address: 'jerome@faure.fr' });
    expect(m.date?.toISOString()).toBe('2026-12-03T10:02:17.000Z');
    expect(m.messageId).toBe('<abc@mail.gmail.com>');
    expect(m.inReplyTo).toBe('<act_1.relais@atelier.fr>');
    expect(m.references).toEqual(['<act_0.relais@atelier.fr>', '<act_1.relais@atelier.fr>']);
    expect(m.newText).toBe('Oui, ça m’intéresse.');
    expect(m.quotedText).toContain('Non merci');
  });

  it('renders an HTML-only message as text and cuts its blockquote', async () => {
    const raw =
      'From: a@b.fr\nSubject: Re: x\nContent-Type: text/html; charset=utf-8\n\n<div>Oui &amp; volontiers&nbsp;!</div><div class="gmail_quote">Le lun., X &lt;x@y.fr&gt; a écrit :<blockquote>Pas intéressé ?</blockquote></div>';
    const m = await parseMessage(raw);
    expect(m.newText).toBe('Oui & volontiers !');
    expect(m.quotedText).toContain('Pas intéressé');
  });

  it('never throws on malformed input: it reports a parse error', async () => {
    for (const raw of [
      '',
      'garbage\u0000\u0001 without headers',
      '\r\n\r\n\r\n',
      'From: a@b.fr\nContent-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain\n\nunterminated',
    ]) {
      const m = await parseMessage(raw);
      expect(m).toBeDefined();
      if (raw.startsWith('From')) expect(m.parseError).toBeUndefined();
      else expect(m.parseError).toBeTruthy();
    }
    // nesting deeper than the parser accepts makes postal-mime reject: caught, not thrown
    const deep = `From: a@b.fr\nContent-Type: multipart/mixed; boundary="b0"\n\n${Array.from({ length: 300 }, (_, i) => `--b${i}\nContent-Type: multipart/mixed; boundary="b${i + 1}"\n\n`).join('')}`;
    const m = await parseMessage(deep);
    expect(m.parseError).toMatch(/unreadable MIME/);
  });
});
