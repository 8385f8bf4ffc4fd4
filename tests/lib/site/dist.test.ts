import { describe, expect, it } from 'vitest';
import { distPath } from '../../../src/lib/site/dist.ts';

describe('distPath', () => {
  it('maps URLs under a base path to files in dist', () => {
    expect(distPath('/d', '/b/x/2021/1/print/', '/b/')).toBe('/d/x/2021/1/print/index.html');
    expect(distPath('/d', '/x/2021/1/x-2021-001.pdf')).toBe('/d/x/2021/1/x-2021-001.pdf');
  });
});

describe('distPath with encoded and escaping URLs', () => {
  it('decodes the URL and cannot leave dist', () => {
    expect(distPath('/d', '/units/%E4%B8%9C/')).toBe('/d/units/东/index.html');
    expect(distPath('/d', '/../etc/passwd').startsWith('/d/')).toBe(true);
  });
});
