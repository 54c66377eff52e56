import { describe, expect, it } from 'vitest';
import { benchCodec } from './bench-codec.ts';
import { fixture, TEST_KEY } from './test-keys.ts';

describe('benchCodec', () => {
  it('measures positive rates for a typical signed request', () => {
    const request = fixture('xmlsec1-template-exc-c14n.xml').replace(
      /<ds:Signature>[\s\S]*<\/ds:Signature>/,
      '',
    );
    const result = benchCodec({ request, key: TEST_KEY, seconds: 0.05 });
    expect(result.parsePerSecond).toBeGreaterThan(0);
    expect(result.verifyPerSecond).toBeGreaterThan(0);
    expect(result.signPerSecond).toBeGreaterThan(0);
    expect(result.canonicalSignPerSecond).toBeGreaterThan(0);
    expect(result.parseAndVerifyPerSecond).toBeGreaterThan(0);
  });
});
