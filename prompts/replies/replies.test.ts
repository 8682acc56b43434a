import { describe, expect, it } from 'vitest';
import { replies, type RunSummary } from '../index';

// What the Chat says after a run: what waits for approval, and what an auto-approve rule already
// approved (those leave without anyone's OK, so the Chat must not say nothing leaves without it).
const run = (over: Partial<RunSummary> = {}): RunSummary => ({
  mode: 'offline',
  query: 'rénovation à Lyon',
  found: 5,
  created: 5,
  known: 0,
  optedOut: 0,
  alreadyDrafted: 0,
  noEmail: 0,
  queued: 2,
  needsAttention: 0,
  failed: 0,
  failures: [],
  draftRequested: true,
  voiceIncomplete: false,
  autoApproved: [],
  ...over,
});

describe('the Chat reply after drafting', () => {
  it('promises nothing leaves without approval only when no rule approved anything', () => {
    expect(replies('fr').prospect(run())).toContain('Rien ne part sans votre accord.');
    expect(replies('en').prospect(run())).toContain('Nothing is sent without your OK.');
  });

  it('says what each auto-approve rule approved, in French and in English', () => {
    const s = run({
      queued: 2,
      autoApproved: [
        { rule: 'Relances Lyon', count: 3 },
        { rule: null, count: 1 },
      ],
    });
    const fr = replies('fr').prospect(s);
    expect(fr).toContain('3 e-mails approuvés par la règle «\u00a0Relances Lyon\u00a0»\u00a0: ils partent sans attendre votre validation.');
    expect(fr).toContain('1 e-mail approuvé par une règle d’approbation automatique\u00a0: il part sans attendre votre validation.');
    expect(fr).toContain('2 brouillons attendent votre validation');
    expect(fr).not.toContain('Rien ne part sans votre accord.');
    expect(fr).toContain('Rien d’autre ne part sans votre accord.');
    const en = replies('en').prospect(s);
    expect(en).toContain('3 emails approved by the rule "Relances Lyon": they leave without waiting for your approval.');
    expect(en).toContain('1 email approved by an auto-approve rule: it leaves without waiting for your approval.');
    expect(en).not.toContain('Nothing is sent without your OK.');
    expect(en).toContain('Nothing else is sent without your OK.');
  });

  it('says a revision a rule approved has left the queue', () => {
    expect(replies('fr').revised('Votre façade', 'approved')).toMatch(/approuvé par une règle d’approbation automatique/);
    expect(replies('en').revised('Your front', 'approved')).toMatch(/approved by an auto-approve rule/);
  });
});
