/** content/site.yaml is read by the one content reader like every other content file. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf, readContent } from '../../../src/lib/content/read.ts';
import { PROJECT_ROOT } from '../../helpers/build.ts';

/** A copy of the fixture archive with this site.yaml (none when undefined). */
function root(yaml?: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-site-')), 'content');
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/archive'), dir, { recursive: true, filter: (f) => !f.endsWith('site.yaml') });
  if (yaml !== undefined) writeFileSync(path.join(dir, 'site.yaml'), yaml);
  return dir;
}

describe('site.yaml', () => {
  it('is empty without a site.yaml, or with one whose fields are all commented out', async () => {
    expect((await readContent(root())).site).toEqual({});
    expect((await readContent(root('# name: 某市\n'))).site).toEqual({});
  });

  it('reads every field, taking a numeric 网站标识码 as text', async () => {
    const t = await readContent(root('name: 某市简报网\nhost: 某市政府办公室\nicp: 鲁ICP备1号\nsiteCode: 3715000001\ndefaultSeries: lc\n'));
    expect(t.site).toEqual({ name: '某市简报网', host: '某市政府办公室', icp: '鲁ICP备1号', siteCode: '3715000001', defaultSeries: 'lc' });
  });

  it('names the line of an unknown or empty field', async () => {
    const [unknown] = errorsOf(await readContent(root('name: 某市\nicpp: 鲁ICP备1号\n')));
    expect(unknown).toMatchObject({ line: 2, severity: 'error' });
    expect(unknown.message).toMatch(/未知字段 icpp，是不是 icp？/);
    const [empty] = errorsOf(await readContent(root('name: 某市\nhost: ""\n')));
    expect(empty).toMatchObject({ line: 2, field: 'host' });
  });

  it('reports broken YAML with its line', async () => {
    const [p] = errorsOf(await readContent(root('name: 某市\nhost: [\n')));
    expect(p.message).toMatch(/YAML 写法有误/);
    expect(p.line).toBeGreaterThanOrEqual(2);
  });
});
