import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { formatFor, parseEuros } from './format';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('Portal dictionaries', () => {
  it('English has exactly the French keys, none empty, same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, text] of Object.entries(fr)) {
      const other = en[key as keyof typeof fr];
      expect(text.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });

  it('names the sections exactly as specified', () => {
    const nav = (d: Record<string, string>) =>
      ['dashboard', 'leads', 'contacts', 'deals', 'quotes', 'conversations', 'library', 'sequences', 'reports', 'forecasts', 'settings', 'chat'].map((k) => d[`nav.${k}`]);
    expect(nav(fr)).toEqual([
      'Tableau de bord',
      'Prospects',
      'Contacts',
      'Affaires',
      'Devis',
      'Conversations',
      'Bibliothèque',
      'Séquences',
      'Rapports',
      'Prévisions',
      'Paramètres',
      'Discussion',
    ]);
    expect(nav(en)).toEqual(['Dashboard', 'Leads', 'Contacts', 'Deals', 'Quotes', 'Conversations', 'Library', 'Sequences', 'Reports', 'Forecasts', 'Settings', 'Chat']);
  });
});

describe('formats', () => {
  it('writes money the French way in both languages', () => {
    expect(formatFor('fr').money(123456)).toBe('1\u202f234,56\u00a0€');
    expect(formatFor('en').money(123456)).toBe('1\u202f234,56\u00a0€');
  });

  it('reads euros typed by people', () => {
    expect(parseEuros('1 234,56')).toBe(123456);
    expect(parseEuros('1\u202f234,56 €')).toBe(123456);
    expect(parseEuros('1234.5')).toBe(123450);
    expect(parseEuros('1.234,50')).toBe(123450);
    expect(parseEuros('12')).toBe(1200);
    expect(parseEuros('-5')).toBeNull();
    expect(parseEuros('abc')).toBeNull();
    expect(parseEuros('')).toBeNull();
  });
});
