// Opens the district's admin page in a fresh browser context, signed in with a session cookie or not, and collects the
// console errors and page errors a test asserts there are none of; plus reading an element's text.
import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from './browser';

export async function openAdminPage(
  browser: LaunchedBrowser,
  baseUrl: string,
  cookie: string | null,
  options: { acceptDownloads?: boolean } = {},
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.browser.newContext(options);
  if (cookie !== null) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Strict' }]);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${baseUrl}/admin`);
  return { page, problems };
}

/** The text of the first element matching `selector` ('' when there is none). */
export const textOf = (page: Page, selector: string): Promise<string> =>
  page.evaluate(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);
