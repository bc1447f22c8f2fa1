import { chromium, type Browser } from 'playwright-core';

/** Launches the machine's Chromium headless; never downloads a browser of its own. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.VAKA_CHROMIUM ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
