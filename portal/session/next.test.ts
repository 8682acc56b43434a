import { describe, expect, it } from 'vitest';
import { safeNext } from './next';

describe('safeNext', () => {
  it('keeps same-origin paths', () => {
    expect(safeNext('/deals')).toBe('/deals');
    expect(safeNext('/leads?q=lyon&status=new')).toBe('/leads?q=lyon&status=new');
    expect(safeNext('/settings#members')).toBe('/settings#members');
  });

  it('refuses anything that could leave the site', () => {
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      'evil.example',
      '/%0a//evil',
      '/\t/evil.example',
      '',
      undefined,
      null,
      '/login',
      '/logout',
    ]) {
      const out = safeNext(bad as string);
      expect(out === '/' || !/evil/.test(new URL(out, 'http://relais.invalid').host), String(bad)).toBe(true);
      expect(out.startsWith('/') && !out.startsWith('//')).toBe(true);
    }
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
  });

  it('judges the path once its dot-segments have collapsed', () => {
    for (const bad of ['/..//evil.example', '/%2e%2e//evil.example', '/%2E%2E//evil.example', '/a/../..//evil.example', '/.//evil.example', '/./%2e/..//evil.example/x?y#z']) {
      const out = safeNext(bad);
      expect(out, bad).toBe('/');
    }
    expect(safeNext('/deals/../people')).toBe('/people');
  });
});
