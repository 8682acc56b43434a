import { describe, expect, it } from 'vitest';
import { composeOffline } from '../drafter/nodes/compose-offline';
import { PROFILE, sampleLeads } from '../../test/teammates/leads';
import { reviewDeterministic } from './deterministic';
import type { Language } from '../../lib/language';

const leads = sampleLeads();
const lead = leads[0];
const clean = composeOffline(lead, PROFILE, 'fr', 'req:clean');
const codes = (subject: string, body: string, lang: Language = 'fr', facts = lead) =>
  reviewDeterministic({ subject, body, language: lang }, facts, PROFILE, lang).notes.map((n) => n.code);

describe('offline drafter', () => {
  it('writes drafts every check passes, in French and English, for every kind of lead', () => {
    for (const l of leads) {
      for (const lang of ['fr', 'en'] as const) {
        const d = composeOffline(l, PROFILE, lang, `req:${l.personId}`);
        const r = reviewDeterministic(d, l, PROFILE, lang);
        expect(r.notes, `${lang} ${l.company?.name}\n${d.subject}\n${d.body}`).toEqual([]);
      }
    }
  });

  it('ten drafts do not read alike', () => {
    const drafts = leads.slice(0, 10).map((l) => composeOffline(l, PROFILE, 'fr', `req:${l.personId}`));
    const sentences = drafts.map(
      (d) =>
        new Set(
          d.body
            .split(/(?<=[.?!])\s+|\n+/)
            .map((s) => s.replace(/\p{Lu}\p{L}+/gu, 'X'))
            .filter((s) => s.length > 30),
        ),
    );
    for (let i = 0; i < drafts.length; i++) {
      for (let j = i + 1; j < drafts.length; j++) {
        const shared = [...sentences[i]].filter((s) => sentences[j].has(s)).length;
        expect(shared / Math.min(sentences[i].size, sentences[j].size)).toBeLessThan(0.75);
      }
    }
    expect(new Set(drafts.map((d) => d.subject.replace(/[^:–]*$/, ''))).size).toBeGreaterThan(2);
  });

  it('uses careful French: vouvoiement, typographic apostrophes and spaces, a greeting by name or Madame, Monsieur', () => {
    expect(clean.body).toMatch(/^Bonjour Jean Dupont,/);
    expect(clean.body).not.toMatch(/'/);
    expect(clean.body).toMatch(/\bvous\b/);
    expect(clean.body).not.toMatch(/ [?:;!]/);
    const anonymous = composeOffline(leads[4], PROFILE, 'fr', 'x');
    expect(anonymous.body.startsWith('Madame, Monsieur,')).toBe(true);
    const withCivility = composeOffline(leads[1], PROFILE, 'fr', 'x');
    expect(withCivility.body.startsWith('Bonjour Madame Girard,')).toBe(true);
  });

  it('is deterministic for a retry, and a revision re-draws the wording', () => {
    expect(composeOffline(lead, PROFILE, 'fr', 'req:clean')).toEqual(clean);
    const revised = composeOffline(lead, PROFILE, 'fr', 'req:clean', { attempt: 2, notes: [], humanNotes: ['plus court'] });
    expect(revised.body.split(/\s+/).length).toBeLessThanOrEqual(clean.body.split(/\s+/).length);
  });
});

describe('deterministic review', () => {
  it('catches each kind of defect', () => {
    expect(codes(clean.subject, clean.body.replace('vous faciliter', 'te faciliter'))).toContain('formality');
    expect(codes(clean.subject, `${clean.body}\nTu peux me répondre quand tu veux.`)).toContain('formality');
    expect(codes(clean.subject, clean.body.replace('Jean Dupont', 'Pierre Durand'))).toContain('greeting');
    expect(codes(clean.subject, clean.body.replace('Jean Dupont', 'Monsieur Dupont'))).toContain('greeting');
    expect(codes(clean.subject, clean.body.replace(/\n\n/, '\n\nNous avons déjà aidé 120 artisans lyonnais.\n\n'))).toContain('unknown_fact');
    expect(codes(clean.subject, clean.body.replace(/\n\n/, '\n\nNotre client Bouygues en est ravi.\n\n'))).toContain('unknown_fact');
    expect(codes(clean.subject, clean.body.replace('Jean Dupont', '[Prénom]'))).toContain('placeholder');
    expect(codes('x'.repeat(71), clean.body)).toContain('subject_length');
    expect(codes(clean.subject, 'Bonjour Jean Dupont,\n\nUn mot rapide.\n\nCordialement,\nMarie')).toContain('body_too_short');
    expect(codes(clean.subject, `${clean.body}\nhttps://a.example https://b.example`)).toContain('links');
    expect(codes('OFFRE GRATUIT !!!', clean.body)).toContain('spam');
    expect(codes(clean.subject, clean.body.replace(/\n\n/, '\n\nI would love to hear about your projects and plans for this year.\n\n'))).toContain('language');
    expect(codes(clean.subject, clean.body, 'en')).toContain('language');
  });

  it('passes the owner’s own words (offer, signature) and the lead’s facts', () => {
    expect(codes(clean.subject, clean.body)).toEqual([]);
    const withYear = clean.body.replace(/\n\n/, '\n\nCréée en 2012, Lyon Bati Renovation compte 10 à 19 salariés.\n\n');
    expect(codes(clean.subject, withYear)).toEqual([]);
  });
});
