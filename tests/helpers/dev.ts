/** Runs `astro dev` over a content tree on a free port, for tests of the editors' preview. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../src/lib/site/static-server.ts';
import { PROJECT_ROOT } from './build.ts';

export interface DevServer {
  url: string;
  log: () => string;
  stop: () => Promise<void>;
}

// Vitest's own variables (NODE_ENV=test, VITEST…) would make the child Vite behave as a test run.
function parentEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST'));
}

/** Starts `astro dev` on a free port and waits until it serves the home page. */
export async function startDev(contentDir: string, timeoutMs = 120_000): Promise<DevServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(path.join(PROJECT_ROOT, 'node_modules/.bin/astro'), ['dev', '--ignore-lock', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: PROJECT_ROOT,
    env: { ...parentEnv(), NODE_ENV: 'development', JIANBAO_CONTENT: contentDir, ASTRO_TELEMETRY_DISABLED: '1', CHROMIUM_PATH: '/nonexistent/chromium' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGTERM');
    });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`astro dev exited early:\n${out}`);
    // The server listens before the content store has synced; "Local" marks it ready.
    if (/Local/.test(out)) {
      try {
        if ((await fetch(`${url}/`, { signal: AbortSignal.timeout(30_000) })).status === 200) return { url, log: () => out, stop };
      } catch {
        // not answering yet
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`astro dev did not answer within ${timeoutMs} ms:\n${out}`);
}
