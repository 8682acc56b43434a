import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-text';

describe('htmlToText', () => {
  it('keeps the text, drops styles, scripts and comments, decodes entities', () => {
    const html =
      '<html><head><title>x</title><style>p{color:red}</style></head><body><!-- hidden --><p>Oui&nbsp;!</p><script>alert(1)</script><div>L&#39;offre &amp; le devis&eacute;</div></body></html>';
    expect(htmlToText(html)).toBe("Oui !\nL'offre & le devisé");
  });

  it('starts a quoted line at a blockquote', () => {
    expect(htmlToText('<div>Oui</div><blockquote>Non merci</blockquote>')).toBe('Oui\n\n> Non merci');
  });

  it('stays linear on unclosed comments and styles (1 MB)', () => {
    const started = performance.now();
    htmlToText('<!--<style>'.repeat(100_000));
    htmlToText(`<p>${'<b'.repeat(500_000)}`);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
