import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test/support/spawn';

// The one invariant, made structural: only channels/smtp.ts may import an SMTP library, only the
// dispatcher's claim module decrypts channel secrets for sending (the cipher itself lives in
// lib/secrets.ts), and the only exported way to send takes an ApprovedSend, which only that claim
// module can mint (see dispatcher-claim.ts).
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

const rel = (f: string) => path.relative(repoRoot, f);
const files = sources(repoRoot).filter((f) => !rel(f).startsWith('test/'));

describe('no path outside the dispatcher reaches a channel', () => {
  it('only channels/smtp.ts imports an SMTP client', () => {
    const offenders = files.filter(
      (f) => /from ['"](nodemailer|smtp-connection|emailjs|@sendgrid|postmark|mailgun)/.test(readFileSync(f, 'utf8')) || /require\(['"]nodemailer/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map(rel)).toEqual(['channels/smtp.ts']);
  });

  it('only the dispatcher and the connector test open channel secrets (and the inbound connectors theirs)', () => {
    const offenders = files.filter((f) => /\.open\(\s*c\.secret|keys\.open\(/.test(readFileSync(f, 'utf8')));
    expect(offenders.map(rel).sort()).toEqual(['channels/connectors.ts', 'channels/dispatcher-claim.ts', 'channels/inbound/connectors.ts']);
    const deciphering = files.filter((f) => /createDecipheriv/.test(readFileSync(f, 'utf8')));
    expect(deciphering.map(rel)).toEqual(['lib/secrets.ts']);
  });

  it('channels/smtp.ts exports no transport, only deliverApproved (ApprovedSend) and verify', () => {
    const src = readFileSync(path.join(repoRoot, 'channels/smtp.ts'), 'utf8');
    const exported = [...src.matchAll(/^export (?:async )?(?:function|const|type) (\w+)/gm)].map((m) => m[1]).sort();
    expect(exported).toEqual(['DeliveryResult', 'classify', 'closeTransports', 'deliverApproved', 'verifySmtp']);
    expect(src).toMatch(/export async function deliverApproved\(send: ApprovedSend\)/);
    expect(src).toMatch(/assertApprovedSend\(send\)/);
  });

  it('ApprovedSend is minted in one place only', () => {
    const minting = files.filter((f) => /\bmint\(/.test(readFileSync(f, 'utf8')));
    expect(minting.map(rel)).toEqual(['channels/dispatcher-claim.ts']);
    const claim = readFileSync(path.join(repoRoot, 'channels/dispatcher-claim.ts'), 'utf8');
    expect(claim).not.toMatch(/export (?:function|const) mint/);
    expect(claim).toMatch(/const minted = new WeakSet/);
  });
});
