/** The page set-up the studio benches share. */
import type { Browser, Page } from 'playwright-core';

/** A page as the studio benches drive it: a 1440x900 window, page errors printed. */
export async function benchPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx (esbuild keepNames) wraps named functions in __name(): give evaluated code one.
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}
