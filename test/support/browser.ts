import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's chromium package; CI installs it in .ci/run. Never `playwright install`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output', 'screenshots');

/** One headless Chromium for a suite. A missing browser fails the suite loudly: these tests never skip. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (README "Tests"), or set CHROMIUM_PATH.`,
    );
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // --no-sandbox: CI and these machines run the tests as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
}

/** Signs the page's browser context in through the login form, as a person would, and waits to leave it. */
export async function signInPage(page: Page, base: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#login-email', user.email);
  await page.fill('#login-password', user.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('main button[type=submit]')]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Lighthouse-style basics checked on every page: <html lang>, a title, every visible form control
 * labelled, data-colour only with the four values, and no coloured cell without text.
 */
export async function pageProblems(page: Page): Promise<string[]> {
  // Runs in the page (the project compiles without the DOM library, hence a string).
  return page.evaluate<string[]>(`(() => {
    const problems = [];
    if (!document.documentElement.lang) problems.push('html has no lang');
    if (!document.title.trim()) problems.push('no title');
    document.querySelectorAll('input, select, textarea').forEach((el) => {
      if (el.type === 'hidden') return;
      const labelled = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (!labelled) problems.push('unlabelled control ' + (el.name || el.id));
    });
    document.querySelectorAll('[data-colour]').forEach((el) => {
      const colour = el.dataset.colour || '';
      if (!['green', 'yellow', 'red', 'none'].includes(colour)) problems.push('bad data-colour ' + colour);
      if (el.tagName === 'TD' && !el.textContent.trim()) problems.push('coloured cell without text');
    });
    return problems;
  })()`);
}

/** The WCAG 2.2 AA rules axe-core checks (issue 15: 0 violations on every page). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's violations on the page as "rule: target" lines, so a failing test says where. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n').join(' ') ?? ''})`));
}
