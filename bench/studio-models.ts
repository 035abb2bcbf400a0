/**
 * Models for the studio benchmarks: a generated model with saved positions
 * (contexts in blocks on a grid, as an earlier layout left them), imported
 * into a running `keel serve`.
 */
import type { Model } from '../shared/model/types';
import { writeModel } from '../shared/write';
import type { Browser, Page } from 'playwright-core';
import { callApi, type Studio } from '../e2e/harness';

/** Positions as a saved model has them: contexts in blocks on a grid (a layout the studio did earlier). */
export function withGridLayout(model: Model): Model {
  const layout: NonNullable<Model['layout']> = {};
  const byContext = new Map<string, string[]>();
  for (const [id, n] of Object.entries(model.nodes))
    byContext.set(n.context ?? '', [...(byContext.get(n.context ?? '') ?? []), id]);
  const perRow = Math.ceil(Math.sqrt(byContext.size));
  let i = 0;
  for (const ids of byContext.values()) {
    const bx = (i % perRow) * 760;
    const by = Math.floor(i / perRow) * 520;
    ids.forEach((id, k) => (layout[id] = { x: bx + (k % 3) * 230, y: by + Math.floor(k / 3) * 100 }));
    i++;
  }
  return { ...model, layout };
}

export async function importModel(studio: Studio, model: Model, fileName: string): Promise<string> {
  const res = await callApi(studio, 'models.import', { fileName, text: writeModel(model) });
  const body = (await res.json()) as { result?: { ok: boolean; model?: { id: string } } };
  if (!body.result?.ok || !body.result.model) throw new Error(`import failed: ${JSON.stringify(body).slice(0, 400)}`);
  return body.result.model.id;
}

/** A page as the studio benches drive it: a 1440x900 window, page errors printed. */
export async function benchPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx (esbuild keepNames) wraps named functions in __name(): give evaluated code one.
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}
