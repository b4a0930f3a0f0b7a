// Debian's Chromium driven by playwright-core (no browser download); flags from STACK.md.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Screenshots go to test-output/ (ignored by git) so a person can look at them after a run. */
export function screenshotPath(name: string): string {
  fs.mkdirSync('test-output', { recursive: true });
  return `test-output/${name}.png`;
}
