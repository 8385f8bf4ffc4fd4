/** Launches the system Chromium through playwright-core; never downloads one. */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../../src/lib/print/chromium.ts';

export async function launchBrowser(): Promise<Browser> {
  // requireChromium throws with the install command: a missing browser fails the run, it is never skipped.
  return chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true });
}
