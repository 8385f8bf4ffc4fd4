import { describe, expect, it } from 'vitest';
import { articleSchema, isIsoDate, issueSchema, seriesSchema } from '../../../src/lib/content/schema.ts';

const issue = { number: 28, date: '2021-05-12', reportTo: ['市委常委'], sendTo: ['各县（市、区）委'], copies: 260 };

describe('issueSchema', () => {
  it('accepts the seed issue and defaults status to published', () => {
    const out = issueSchema.parse(issue);
    expect(out.status).toBe('published');
    expect(out.date).toBe('2021-05-12');
  });

  it('normalises a YAML date object to YYYY-MM-DD', () => {
    expect(issueSchema.parse({ ...issue, date: new Date('2021-05-12') }).date).toBe('2021-05-12');
  });

  it.each([
    ['number', 0, 'number'],
    ['number', 2.5, 'number'],
    ['number', '28', 'number'],
    ['date', '2021-02-30', 'date'],
    ['date', '2021/05/12', 'date'],
    ['copies', -1, 'copies'],
    ['status', 'secret', 'status'],
    ['reportTo', '市委常委', 'reportTo'],
    ['reportTo', [''], 'reportTo'],
  ])('rejects %s = %j', (field, value, path) => {
    const result = issueSchema.safeParse({ ...issue, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path[0]).toBe(path);
  });

  it('rejects unknown fields, so a misspelt key is not silently ignored', () => {
    const result = issueSchema.safeParse({ ...issue, reportto: ['x'] });
    expect(result.success).toBe(false);
  });
});

describe('articleSchema and seriesSchema', () => {
  it('accepts an article with a unit and rejects one without title', () => {
    expect(articleSchema.parse({ title: '“三个强化”推进小广告专项整治', unit: '东昌府区' }).unit).toBe('东昌府区');
    expect(articleSchema.safeParse({ unit: '东昌府区' }).success).toBe(false);
    expect(articleSchema.safeParse({ title: '  ' }).success).toBe(false);
  });

  it('accepts a series with defaults and rejects a missing issuer', () => {
    expect(seriesSchema.parse({ title: 'T', issuer: 'I', defaults: { copies: 3 } }).defaults?.copies).toBe(3);
    expect(seriesSchema.safeParse({ title: 'T' }).success).toBe(false);
  });
});

describe('isIsoDate', () => {
  it('knows real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
  });
});
