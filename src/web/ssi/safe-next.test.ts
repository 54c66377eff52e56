// safeNext: hostile sign-in targets fall back to the portal home; paths inside it are kept.
import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

/** Targets that would leave the site (or the portal) in some browser, each spelled as received. */
const HOSTILE: readonly string[] = [
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/%09/evil.example',
  '/\t/evil.example',
  '\t//evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  ' //evil.example',
  '/ /evil.example',
  '/\u00a0/evil.example',
  '/\u2028/evil.example',
  '/\u0000/evil.example',
  '/\u0085/evil.example',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '/%2F%2Fevil.example',
  '%2F%2Fevil.example',
  '/%5Cevil.example',
  '/%5c%5cevil.example',
  '/%252F%252Fevil.example',
  '/%25252F%25252Fevil.example',
  '/%0a/evil.example',
  '/%E2%80%A8/evil.example',
  '/%',
  '/%zz',
  'https://evil.example',
  'HTTPS://evil.example/ssi',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '',
  '/ssi/../..//evil.example',
  '/ssi/..%2F..%2F%2Fevil.example',
  '/ssi/%2e%2e/%2e%2e//evil.example',
  '/ssi/./search',
  '/ssi//evil.example',
  '/ssi/search?q=\t//evil',
  '/ssi/search#\\evil',
  '/ssi\\evil.example',
  `/ssi/${'a'.repeat(3_000)}`,
];

/** Targets under the portal that must survive sign-in unchanged. */
const GOOD: readonly string[] = [
  '/ssi',
  '/ssi/',
  '/ssi/search',
  '/ssi/search?q=1',
  '/ssi/search?deviceId=00-DB-12-34-56-78-90-A4&outcome=failure',
  '/ssi/search?requestId=90-B3-D5-1F-30-01-00-00%3A00-DB-12-34-56-78-90-A4%3A1000',
  '/ssi/search?q=http%3A%2F%2Fexample',
  '/ssi/devices/00-DB-12-34-56-78-90-A4',
  '/ssi/records/1-1#detail',
  '/ssi/files',
];

describe('safeNext', () => {
  it.each(HOSTILE)('sends %j home (prefix /ssi)', (next) => {
    expect(safeNext(next, '/ssi')).toBe('/ssi');
  });

  it.each(HOSTILE)('sends %j home (portal at the root)', (next) => {
    // /ssi/./search is a harmless path at the root too, but dot segments are refused anywhere.
    expect(safeNext(next, '')).toBe('/');
  });

  it.each(GOOD)('keeps %j', (next) => {
    expect(safeNext(next, '/ssi')).toBe(next);
    expect(safeNext(next, '')).toBe(next);
  });

  it('keeps a target inside the prefix only', () => {
    expect(safeNext('/register', '/ssi')).toBe('/ssi');
    expect(safeNext('/ssix/search', '/ssi')).toBe('/ssi');
    expect(safeNext('/register', '')).toBe('/register');
  });

  it('sends anything but one string home', () => {
    expect(safeNext(undefined, '/ssi')).toBe('/ssi');
    expect(safeNext(['/ssi/search', '//evil.example'], '/ssi')).toBe('/ssi');
    expect(safeNext(42, '')).toBe('/');
  });
});
