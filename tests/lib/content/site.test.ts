import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/lib/content/errors.ts';
import { loadSite } from '../../../src/lib/content/site.ts';

function root(yaml?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'jianbao-site-'));
  if (yaml !== undefined) writeFileSync(path.join(dir, 'site.yaml'), yaml);
  return dir;
}

function problems(dir: string) {
  try {
    loadSite(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(ContentError);
    return (e as ContentError).problems;
  }
  throw new Error('expected loadSite to fail');
}

describe('loadSite', () => {
  it('is empty without a site.yaml, or with one whose fields are all commented out', () => {
    expect(loadSite(root())).toEqual({});
    expect(loadSite(root('# name: 某市\n'))).toEqual({});
  });

  it('reads every field, taking a numeric 网站标识码 as text', () => {
    const site = loadSite(root('name: 某市简报网\nhost: 某市政府办公室\nicp: 鲁ICP备1号\nsiteCode: 3715000001\ndefaultSeries: lc\n'));
    expect(site).toEqual({ name: '某市简报网', host: '某市政府办公室', icp: '鲁ICP备1号', siteCode: '3715000001', defaultSeries: 'lc' });
  });

  it('names the line of an unknown or empty field', () => {
    const [unknown] = problems(root('name: 某市\nicpp: 鲁ICP备1号\n'));
    expect(unknown).toMatchObject({ line: 2, severity: 'error' });
    expect(unknown.message).toMatch(/未知字段 icpp/);
    const [empty] = problems(root('name: 某市\nhost: ""\n'));
    expect(empty).toMatchObject({ line: 2, field: 'host' });
  });

  it('reports broken YAML with its line', () => {
    const [p] = problems(root('name: 某市\nhost: [\n'));
    expect(p.message).toMatch(/YAML 格式有误/);
    expect(p.line).toBeGreaterThanOrEqual(2);
  });
});
