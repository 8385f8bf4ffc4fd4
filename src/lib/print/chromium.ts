/**
 * Locates the system Chromium. Jianbao never downloads a browser: it uses
 * the one the machine has, and says how to install it when there is none.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_INSTALL_HINT = 'apt-get install -y chromium fonts-noto-cjk fonts-lxgw-wenkai fonts-arphic-ukai fonts-arphic-uming（或把 CHROMIUM_PATH 设为 Chromium/Chrome 可执行文件）';

const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The Chromium executable to use, or undefined when the machine has none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): string | undefined {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) return exists(fromEnv) ? fromEnv : undefined;
  return USUAL_PATHS.find(exists);
}

/** Like findChromium, but throws an error that says how to install one. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env, exists?: (p: string) => boolean): string {
  const found = findChromium(env, exists);
  if (found) return found;
  const why = env.CHROMIUM_PATH ? `CHROMIUM_PATH=${env.CHROMIUM_PATH} 不存在` : '未找到 Chromium';
  throw new Error(`${why}。安装方法：${CHROMIUM_INSTALL_HINT}`);
}

/** Flags for headless runs on locked-down machines (root, no network, no GPU). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
];
