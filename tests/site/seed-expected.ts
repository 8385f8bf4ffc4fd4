/** The seed's expected structure, read from shared/ (beside the project) with a checked-in copy as fallback for CI clones. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/build.ts';

const shared = path.resolve(PROJECT_ROOT, '../shared/seeds/000_6afe2561fe3ced3e.expected.json');
const local = path.join(PROJECT_ROOT, 'tests/fixtures/seed/000_6afe2561fe3ced3e.expected.json');

export interface SeedIssue {
  series: string; number: number; total: number | null; date: string; issuer: string; classification: string | null;
  intro: string | null; reportTo: string[]; copyTo: string[]; sendTo: string[]; copies: number;
  articles: { unit: string | null; title: string; paragraphs: string[] }[];
}

export default JSON.parse(readFileSync(existsSync(shared) ? shared : local, 'utf8')) as SeedIssue;
