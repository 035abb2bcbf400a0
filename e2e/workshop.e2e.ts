/**
 * Workshop mode, sticky notes and the export dialog end to end: the real
 * `keel serve` and Debian's Chromium. Notes are added, edited, moved, undone
 * and found in the exported report; the presentation steps through the whole
 * system, each context and a saved view with the keyboard and its controls,
 * growing labels when zoomed out; the export dialog writes the package (every
 * listed file is on disk, OpenAPI validates) and copies Mermaid and OpenAPI.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { launchBrowser, openStudio, REPO_ROOT, screenshot, startStudio, type PageGuard, type Studio } from './harness';

const FIXTURE = join(REPO_ROOT, 'shared', 'testing', 'fixtures', 'online-shop.keel.yaml');

let studio: Studio;
let browser: Browser;
const exportDir = mkdtempSync(join(tmpdir(), 'keel-e2e-workshop-'));

beforeAll(async () => {
  studio = await startStudio({ file: FIXTURE });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await studio?.stop();
  rmSync(exportDir, { recursive: true, force: true });
});

interface Note {
  id: string;
  text: string;
  x: number;
  y: number;
  node?: string;
}
interface PageKeel {
  __keel: {
    studio: {
      getState(): { model: { notes?: Note[]; views?: { id: string; name: string }[]; contexts?: object } };
      undo(): void;
    };
  };
}
const notes = (page: Page) => page.evaluate(() => (window as unknown as PageKeel).__keel.studio.getState().model.notes ?? []);
const views = (page: Page) => page.evaluate(() => (window as unknown as PageKeel).__keel.studio.getState().model.views ?? []);
const zoom = (page: Page) =>
  page.evaluate(() => {
    const t = getComputedStyle(document.querySelector('.react-flow__viewport')!).transform;
    return new DOMMatrix(t).a;
  });

async function openModel(): Promise<{ page: Page; close: () => Promise<void>; guard: PageGuard }> {
  const { page, context, guard } = await openStudio(browser, studio);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: studio.origin });
  await page.getByTestId('canvas').waitFor();
  await page.locator('.react-flow__node[data-id="orders"]').waitFor();
  await page.waitForTimeout(600); // the first placement of unplaced nodes
  return { page, guard, close: () => context.close() };
}

describe('sticky notes and workshop mode', () => {
  it('adds, edits, moves and undoes a note, then presents the whole system, each context and a saved view', async () => {
    const { page, guard, close } = await openModel();
    try {
      // A note about the selected node, opened for editing.
      await page.locator('.react-flow__node[data-id="orders"]').click();
      await page.getByTestId('add-note').click();
      const input = page.getByTestId('note-input');
      await input.waitFor();
      await input.fill('Open question: does checkout need 3 replicas at peak?');
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => notes(page)).toEqual([
        expect.objectContaining({ text: 'Open question: does checkout need 3 replicas at peak?', node: 'orders' }),
      ]);
      const note = page.getByTestId('sticky-note');
      expect(await note.textContent()).toContain('Open question');

      // Drag it by its bar: one undo step brings it back.
      const [start] = await notes(page);
      const box = (await note.boundingBox())!;
      await page.mouse.move(box.x + 30, box.y + 10);
      await page.mouse.down();
      await page.mouse.move(box.x + 80, box.y + 60, { steps: 8 });
      await page.mouse.move(box.x + 130, box.y + 90, { steps: 8 });
      await page.mouse.up();
      const [moved] = await notes(page);
      expect(moved!.x).toBeGreaterThan(start!.x + 20);
      expect(moved!.y).toBeGreaterThan(start!.y + 20);
      await page.getByTestId('undo').click();
      await expect.poll(() => notes(page)).toEqual([expect.objectContaining({ x: start!.x, y: start!.y })]);
      await screenshot(page, 'notes-on-canvas');

      // Workshop mode: the editing chrome goes away.
      await page.getByTestId('workshop-start').click();
      await page.getByTestId('workshop').waitFor();
      expect(await page.evaluate(() => document.body.classList.contains('keel-workshop'))).toBe(true);
      expect(await page.locator('.toolbar').isVisible()).toBe(false);
      expect(await page.locator('.palette').isVisible()).toBe(false);
      expect(await page.locator('.inspector').isVisible()).toBe(false);
      const canvasBox = (await page.getByTestId('canvas').boundingBox())!;
      expect(canvasBox.width).toBeGreaterThan(1300);
      expect(canvasBox.height).toBeGreaterThan(800);
      const count = page.getByTestId('workshop-count');
      expect(await count.textContent()).toBe('1 / 2'); // the system, then Ordering (Storefront has no nodes); no saved views yet
      expect(await page.getByTestId('workshop-title').textContent()).toContain('Online shop');
      await page.waitForTimeout(700);
      await screenshot(page, 'workshop-1-system');

      // Space to the next stop: a context, framed on its nodes (closer than the whole system).
      const zAll = await zoom(page);
      await page.keyboard.press('Space');
      await expect.poll(() => count.textContent()).toBe('2 / 2');
      await page.waitForTimeout(700);
      expect(await page.getByTestId('workshop-title').textContent()).toMatch(/Context/);
      expect(await zoom(page)).toBeGreaterThan(zAll);
      await screenshot(page, 'workshop-2-context');

      // Save the current viewport as a view: it becomes the last stop, stored in the model.
      await page.getByTestId('workshop-save-view').click();
      await page.getByTestId('workshop-view-name').fill('Checkout path');
      await page.getByTestId('workshop-view-ok').click();
      await expect.poll(() => views(page)).toEqual([expect.objectContaining({ name: 'Checkout path' })]);
      await expect.poll(() => count.textContent()).toBe('2 / 3');
      await page.keyboard.press('End');
      await expect.poll(() => count.textContent()).toBe('3 / 3');
      expect(await page.getByTestId('workshop-title').textContent()).toContain('Checkout path');
      await page.getByTestId('workshop-prev').click();
      await expect.poll(() => count.textContent()).toBe('2 / 3');
      await page.getByTestId('workshop-next').click();
      await expect.poll(() => count.textContent()).toBe('3 / 3');

      // Zoomed far out, labels switch to the large, readable level of detail.
      await page.keyboard.press('Home');
      await page.waitForTimeout(700);
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('-');
        await page.waitForTimeout(260);
      }
      await page.waitForTimeout(400);
      await screenshot(page, 'workshop-3-readable-labels');
      await expect.poll(() => page.evaluate(() => document.body.classList.contains('ws-large-labels'))).toBe(true);
      // The name's font size as it lands on the screen: the canvas zoom times the CSS size.
      const z = await zoom(page);
      expect(z).toBeLessThan(0.6);
      const px = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.react-flow__node[data-id="orders"] .kn-name')!).fontSize));
      expect(px * z).toBeGreaterThanOrEqual(13.9);

      // Keys in workshop mode never edit: "l" (lay out) does nothing; Escape leaves.
      const layoutBefore = await page.evaluate(() => JSON.stringify((window as unknown as { __keel: { studio: { getState(): { model: { layout?: object } } } } }).__keel.studio.getState().model.layout));
      await page.keyboard.press('l');
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => JSON.stringify((window as unknown as { __keel: { studio: { getState(): { model: { layout?: object } } } } }).__keel.studio.getState().model.layout))).toBe(layoutBefore);
      await page.keyboard.press('Escape');
      await page.getByTestId('workshop').waitFor({ state: 'detached' });
      expect(await page.locator('.toolbar').isVisible()).toBe(true);
      guard.assertClean();
    } finally {
      await close();
    }
  });
});

describe('export dialog', () => {
  it('writes the package, lists what it wrote, and copies Mermaid and an OpenAPI to the clipboard', async () => {
    const { page, guard, close } = await openModel();
    try {
      await page.getByTestId('export-open').click();
      await page.getByTestId('export-dialog').waitFor();
      const dir = join(exportDir, 'docs', 'architecture');
      await page.getByTestId('export-dir').fill(dir);
      await page.getByTestId('export-run').click();
      const result = page.getByTestId('export-result');
      await page.locator('[data-testid="export-result"], [data-testid="export-error"]').first().waitFor({ timeout: 30_000 });
      if (await page.getByTestId('export-error').count()) throw new Error(`export failed: ${await page.getByTestId('export-error').textContent()}`);
      const listed = await result.locator('.file-path').allTextContents();
      expect(listed).toEqual(expect.arrayContaining(['README.md', 'report.html', 'architecture.mmd', 'openapi/orders.yaml', 'model.keel.yaml']));
      for (const f of listed) {
        expect(existsSync(join(dir, f)), f).toBe(true);
        expect(statSync(join(dir, f)).size, f).toBeGreaterThan(0);
      }
      for (const f of listed.filter((p) => p.startsWith('openapi/'))) {
        const validator = new Validator();
        const r = await validator.validate(parseYaml(readFileSync(join(dir, f), 'utf8')) as Parameters<Validator['validate']>[0]);
        expect(r.errors, f).toBeUndefined();
        expect(r.valid, f).toBe(true);
      }
      // The note from the workshop test is in the report.
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('Open question: does checkout need 3 replicas at peak?');

      await page.getByTestId('copy-mermaid').click();
      await expect.poll(() => page.getByTestId('copy-status').textContent()).toMatch(/Copied the Mermaid diagram/);
      const mmd = await page.evaluate(() => navigator.clipboard.readText());
      expect(mmd).toBe(readFileSync(join(dir, 'architecture.mmd'), 'utf8'));
      await page.getByTestId('copy-openapi-service').selectOption('orders');
      await page.getByTestId('copy-openapi').click();
      await expect.poll(() => page.getByTestId('copy-status').textContent()).toMatch(/OpenAPI of orders/);
      const openapi = await page.evaluate(() => navigator.clipboard.readText());
      expect(openapi).toBe(readFileSync(join(dir, 'openapi', 'orders.yaml'), 'utf8'));
      await screenshot(page, 'export-dialog-written');
      guard.assertClean();
    } finally {
      await close();
    }
  });
});
