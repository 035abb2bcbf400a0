/**
 * The zoomed-out canvas end to end: a 400-node model fitted to the window is
 * drawn on the LOD canvas, and its context frames, nodes and links still
 * answer the mouse. A frame dragged by the title band the canvas paints moves
 * its whole context in one undo step; a click on a node or on a painted link
 * selects it. Asserted through the studio's own store.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSize } from '../shared/diagram';
import { resolveLinks } from '../shared/model/defaults';
import type { Model } from '../shared/model/types';
import { generateModel } from '../shared/testing/generate-model';
import { withGridLayout } from '../shared/testing/grid-layout';
import { importModel, launchBrowser, openStudio, screenshot, SCREENSHOT_DIR, startStudio, type Studio } from './harness';

let studio: Studio;
let browser: Browser;

beforeAll(async () => {
  studio = await startStudio();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await studio?.stop();
});

type XY = { x: number; y: number };
type KeelWindow = {
  __keel: {
    studio: {
      getState(): {
        model: Model | null;
        selection: ReadonlySet<string>;
      };
    };
  };
};

/** Two nodes far left of the drawing with one link between them: a straight link whose middle is empty canvas. */
const LINK_A = { x: -1400, y: 0 };
const LINK_B = { x: -700, y: 0 };

function testModel(): Model {
  const m = withGridLayout(generateModel({ nodes: 400, links: 600, seed: 11 }));
  return {
    ...m,
    nodes: { ...m.nodes, lod_a: { kind: 'service', name: 'LOD A' }, lod_b: { kind: 'service', name: 'LOD B' } },
    links: [...(m.links ?? []), { from: 'lod_a', to: 'lod_b' }],
    layout: { ...m.layout, lod_a: LINK_A, lod_b: LINK_B },
  } as Model;
}

const layoutOf = (page: Page) =>
  page.evaluate(() => ({ ...((window as unknown as KeelWindow).__keel.studio.getState().model?.layout ?? {}) }));
const selectionOf = (page: Page) =>
  page.evaluate(() => [...(window as unknown as KeelWindow).__keel.studio.getState().selection]);

/** React Flow's viewport transform (screen = flow * zoom + offset, inside the pane). */
async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number; left: number; top: number }> {
  return page.evaluate(() => {
    const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return { x: m.e, y: m.f, zoom: m.a, left: pane.left, top: pane.top };
  });
}

describe('low-detail canvas (LOD)', () => {
  it('drags a context by its painted title, undoes it in one step, selects nodes and links', async () => {
    const id = await importModel(studio, testModel(), 'lod.keel.yaml');
    const { page, context, guard } = await openStudio(browser, studio, `${studio.url}#/model/${id}`);
    try {
      await page.waitForSelector('.react-flow__node-kind', { timeout: 60_000 });
      await page.getByTestId('fit').click();
      await expect.poll(() => page.getByTestId('canvas').getAttribute('data-lod'), { timeout: 10_000 }).toBe('canvas');
      await page.waitForTimeout(600); // the fit's animation
      const v = await viewport(page);
      expect(v.zoom).toBeLessThan(0.45);

      // ------------------------------------------------ a frame by its title band
      const model = (await page.evaluate(() => (window as unknown as KeelWindow).__keel.studio.getState().model))!;
      const members = (cid: string) => Object.keys(model.nodes).filter((n) => model.nodes[n]!.context === cid);
      const cid = Object.keys(model.contexts ?? {}).find((c) => members(c).length >= 5)!;
      const band = page.getByTestId(`frame-title-${cid}`);
      const r = (await band.boundingBox())!;
      // Sized in screen pixels whatever the zoom: a target a pointer can grab.
      expect(r.height).toBeGreaterThanOrEqual(16);
      const grab = { x: r.x + Math.min(r.width / 2, 60), y: r.y + r.height / 2 };
      // What the pointer meets there is the band (the LOD canvas over it lets clicks through), with a grab cursor.
      const under = await page.evaluate(({ x, y }) => {
        const el = document.elementFromPoint(x, y) as HTMLElement | null;
        return { testid: el?.dataset.testid, cursor: el ? getComputedStyle(el).cursor : '' };
      }, grab);
      expect(under).toEqual({ testid: `frame-title-${cid}`, cursor: 'grab' });

      const before = await layoutOf(page);
      await page.mouse.move(grab.x, grab.y);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(grab.x + 9 * i, grab.y + 6 * i);
      await page.mouse.up();
      await expect.poll(async () => (await layoutOf(page))[members(cid)[0]!]?.x).not.toBe(before[members(cid)[0]!]!.x);
      const after = await layoutOf(page);
      const d0 = {
        x: after[members(cid)[0]!]!.x - before[members(cid)[0]!]!.x,
        y: after[members(cid)[0]!]!.y - before[members(cid)[0]!]!.y,
      };
      // The pointer moved 90 x 60 screen pixels: the context moved about as far in flow units
      // (React Flow starts a drag one pointer step late: that step is not part of it).
      expect(d0.x * v.zoom).toBeGreaterThan(70);
      expect(d0.x * v.zoom).toBeLessThan(95);
      expect(d0.y * v.zoom).toBeGreaterThan(45);
      expect(d0.y * v.zoom).toBeLessThan(65);
      for (const n of members(cid)) {
        expect(after[n]!.x - before[n]!.x).toBeCloseTo(d0.x, 3);
        expect(after[n]!.y - before[n]!.y).toBeCloseTo(d0.y, 3);
        // Moved with its frame, still in its context (drop-to-context left it alone).
      }
      const moved = await page.evaluate(() => (window as unknown as KeelWindow).__keel.studio.getState().model!.nodes);
      for (const n of members(cid)) expect(moved[n]!.context).toBe(cid);
      for (const n of Object.keys(model.nodes).filter((n) => model.nodes[n]!.context !== cid))
        expect(after[n]).toEqual(before[n]);
      expect(await selectionOf(page)).toEqual([`ctx:${cid}`]);
      await expect.poll(() => page.getByTestId('context-form').isVisible()).toBe(true);
      await screenshot(page, 'lod-frame-dragged');
      // A close look at the painted title bands (the full-page shot shrinks them).
      await page.screenshot({
        path: join(SCREENSHOT_DIR, 'lod-frame-titles.png'),
        clip: { x: grab.x - 120, y: grab.y - 60, width: 480, height: 240 },
      });

      // One undo step puts the whole context back.
      await page.getByTestId('undo').click();
      await expect.poll(async () => (await layoutOf(page))[members(cid)[0]!]).toEqual(before[members(cid)[0]!]);
      const undone = await layoutOf(page);
      for (const n of members(cid)) expect(undone[n]).toEqual(before[n]);

      // ------------------------------------------------ a node by a click
      const nodeId = members(cid)[2]!;
      const nb = (await page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox())!;
      await page.mouse.click(nb.x + nb.width / 2, nb.y + nb.height / 2);
      await expect.poll(() => selectionOf(page)).toEqual([nodeId]);
      await expect.poll(() => page.locator(`[data-testid="node-form"][data-node="${nodeId}"]`).count()).toBe(1);

      // ------------------------------------------------ a painted link by a click
      const size = nodeSize('service');
      const mid = { x: (LINK_A.x + size.width + LINK_B.x) / 2, y: LINK_A.y + size.height / 2 };
      const v2 = await viewport(page);
      const at = (p: XY) => ({ x: v2.left + v2.x + p.x * v2.zoom, y: v2.top + v2.y + p.y * v2.zoom });
      expect(await page.getByTestId('canvas').getAttribute('data-lod')).toBe('canvas');
      const click = at(mid);
      await page.mouse.click(click.x, click.y);
      const linkId = resolveLinks(testModel()).find((l) => l.from === 'lod_a' && l.to === 'lod_b')!.id;
      await expect.poll(() => selectionOf(page)).toEqual([linkId]);
      await expect.poll(() => page.getByTestId('link-form').count()).toBe(1);
      await screenshot(page, 'lod-link-selected');
      // A click a few pixels off every link clears the selection.
      await page.mouse.click(click.x, click.y + 40);
      await expect.poll(() => selectionOf(page)).toEqual([]);

      // ------------------------------------------------ zoomed in, the DOM frame does the same
      await page.evaluate((ids) => {
        (window as unknown as { __keel: { canvas: { fit(ids?: string[]): void } } }).__keel.canvas.fit(ids);
      }, members(cid));
      await expect.poll(() => page.getByTestId('canvas').getAttribute('data-lod')).toBe('dom');
      await page.waitForTimeout(500);
      const title = page.locator(`[data-testid="frame-${cid}"] .frame-title`);
      const t = (await title.boundingBox())!;
      const start = await layoutOf(page);
      await page.mouse.move(t.x + 20, t.y + t.height / 2);
      await page.mouse.down();
      for (let i = 1; i <= 6; i++) await page.mouse.move(t.x + 20 + 10 * i, t.y + t.height / 2 + 5 * i);
      await page.mouse.up();
      await expect.poll(async () => (await layoutOf(page))[members(cid)[0]!]).not.toEqual(start[members(cid)[0]!]);
      const domMoved = await layoutOf(page);
      const dd = { x: domMoved[members(cid)[0]!]!.x - start[members(cid)[0]!]!.x };
      for (const n of members(cid)) expect(domMoved[n]!.x - start[n]!.x).toBeCloseTo(dd.x, 3);
      await page.getByTestId('undo').click();
      await expect.poll(async () => (await layoutOf(page))[members(cid)[0]!]).toEqual(start[members(cid)[0]!]);
      // The frame's body lets clicks through (only its title takes them): a click there is on the pane.
      const body = (await page.getByTestId(`frame-${cid}`).boundingBox())!;
      const inside = await page.evaluate(({ x, y }) => String(document.elementFromPoint(x, y)?.className), {
        x: body.x + 6,
        y: body.y + body.height - 6,
      });
      expect(inside).toContain('react-flow__pane');
      guard.assertClean();
    } finally {
      await context.close();
    }
  }, 120_000);
});
