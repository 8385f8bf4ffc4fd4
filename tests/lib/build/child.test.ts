/**
 * The Astro build process started ahead of its job: it ends quietly when the
 * build needs no Astro process, and a job it cannot run is a failure with
 * the reason in its output, never a hang.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { AstroProcess, running } from '../../../src/lib/build/child.ts';
import { PROJECT_ROOT } from '../../helpers/build.ts';

describe('AstroProcess', () => {
  it('ends without building when dismissed, and no longer counts as running', async () => {
    const p = new AstroProcess(PROJECT_ROOT, process.env);
    const result = await p.dismiss();
    expect(result.code).toBe(0);
    expect(result.output).toBe('');
    expect(running.size).toBe(0);
  }, 60_000);

  it('fails with the reason when its job cannot run, and takes one job only', async () => {
    const p = new AstroProcess(PROJECT_ROOT, process.env);
    const missing = path.join(tmpdir(), 'jianbao-no-such-project-copy');
    const lines: string[] = [];
    const result = await p.build(missing, { ...process.env }, (l) => lines.push(l));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(missing);
    expect(lines.join('\n')).toContain(missing);
    expect(() => p.build(missing, process.env)).toThrow(/one build per process/);
  }, 60_000);

  it('ends when the build is done, even with a handle left open', async () => {
    // A project whose config leaves a timer running, as an integration might.
    const root = mkdtempSync(path.join(tmpdir(), 'jianbao-astro-process-'));
    writeFileSync(path.join(root, 'astro.config.mjs'), "setInterval(() => {}, 1000);\nexport default { outDir: './out' };\n");
    mkdirSync(path.join(root, 'src/pages'), { recursive: true });
    writeFileSync(path.join(root, 'src/pages/index.astro'), '<p>你好</p>\n');
    symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    const result = await new AstroProcess(PROJECT_ROOT, process.env).build(root, { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Complete!/);
  }, 60_000);
});
