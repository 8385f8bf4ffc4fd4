import { describe, expect, it } from 'vitest';
import { findChromium, requireChromium } from '../../../src/lib/print/chromium.ts';

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/c/chrome' }, (p) => p === '/opt/c/chrome')).toBe('/opt/c/chrome');
  });
  it('falls back to the usual paths', () => {
    expect(findChromium({}, (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
  });
  it('fails with the install command when none exists', () => {
    expect(() => requireChromium({}, () => false)).toThrow(/apt-get install -y chromium/);
    expect(() => requireChromium({ CHROMIUM_PATH: '/nope' }, () => false)).toThrow(/CHROMIUM_PATH=\/nope/);
  });
});
