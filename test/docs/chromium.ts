// Debian's Chromium, driven by playwright-core: no test downloads a browser of its own.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const MISSING_CHROMIUM =
  'Chromium not found (looked for $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser): ' +
  'install Debian\'s browser with `apt-get install chromium` (.ci/run does) to run the browser test.';

/** The path of a Chromium executable on this machine, or undefined when there is none. */
export function findChromium(): string | undefined {
  return CANDIDATES.find((path): path is string => typeof path === 'string' && path !== '' && existsSync(path));
}

/** A headless Chromium with a fresh temporary profile and none of its own background traffic. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
