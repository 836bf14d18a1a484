import { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * /docs under its Content-Security-Policy (issue 13): Swagger UI still loads and renders the API in
 * headless Chromium, and the browser reports no CSP violation and no script error.
 */
jest.setTimeout(60_000);

describe('API docs in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders Swagger UI with no CSP violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`script: ${error.message}`));
    // The browser's own report of every refused load or inline code, collected in the page.
    await page.addInitScript(`
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
    `);
    const response = await page.goto(`${base}/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 30_000 });
    expect(await page.textContent('.swagger-ui .info .title')).toContain('e-Müraciət API');
    // An operation list rendered from the document: the contract's routes are there.
    await page.waitForSelector('.opblock-summary-path', { timeout: 30_000 });
    const paths = await page.$$eval('.opblock-summary-path', (nodes) => nodes.map((n) => n.getAttribute('data-path')));
    expect(paths).toContain('/api/v1/appeals');
    // Expanding an operation runs more of the UI's code under the policy.
    await page.click('.opblock-summary-path[data-path="/api/v1/appeals"]');
    await page.waitForSelector('.opblock-body', { timeout: 30_000 });
    await screenshot(page, 'docs');
    expect(await page.evaluate('window.__violations')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
