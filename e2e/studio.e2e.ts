/**
 * The studio end to end: the real `keel serve`, Debian's Chromium, a real
 * mouse. Creates a model from a template, drags nodes from the palette,
 * connects them, edits them in the inspector, undoes and redoes, lays out,
 * reloads, imports a broken file and exports the design package.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, launchBrowser, openStudio, screenshot, startStudio, type Studio } from './harness';

let studio: Studio;
let browser: Browser;
const exportDir = mkdtempSync(join(tmpdir(), 'keel-e2e-export-'));

beforeAll(async () => {
  studio = await startStudio();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await studio?.stop();
  rmSync(exportDir, { recursive: true, force: true });
});

const nodeSel = (id: string) => `.react-flow__node[data-id="${id}"]`;

/** Node ids of the open model (React Flow only renders the visible ones, so ask the studio's store). */
async function nodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const keel = (window as unknown as { __keel: { studio: { getState(): { model: { nodes: object } } } } }).__keel;
    return Object.keys(keel.studio.getState().model.nodes);
  });
}

/** A point on the empty canvas, at least `margin` px away from every node. */
async function emptyPoint(
  page: Page,
  margin = 110,
  avoid: { x: number; y: number }[] = [],
): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(
    ({ margin, avoid }) => {
      const pane = document.querySelector('.canvas-flow')!.getBoundingClientRect();
      const nodes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
      const mini = document.querySelector('.minimap')?.getBoundingClientRect();
      for (let y = pane.top + margin; y < pane.bottom - margin; y += 24) {
        for (let x = pane.left + margin; x < pane.right - margin; x += 24) {
          if (mini && x > mini.left - margin && y > mini.top - margin) continue;
          if (avoid.some((a) => Math.hypot(a.x - x, a.y - y) < margin * 2)) continue;
          const clear = nodes.every(
            (r) => x < r.left - margin || x > r.right + margin || y < r.top - margin || y > r.bottom + margin,
          );
          const hit = document.elementFromPoint(x, y);
          if (clear && hit?.classList.contains('react-flow__pane')) return { x, y };
        }
      }
      return null;
    },
    { margin, avoid },
  );
  if (!p) throw new Error('no empty spot on the canvas');
  return p;
}

async function dragFromPalette(page: Page, kind: string, to: { x: number; y: number }): Promise<void> {
  const box = (await page.getByTestId(`palette-${kind}`).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 16 });
  await page.mouse.up();
}

async function center(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const b = (await page.locator(selector).boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

async function openedModel(
  modelId: string,
): Promise<{ yaml: string; viewState: { viewport?: unknown; selection?: string[] } }> {
  const res = await callApi(studio, 'models.open', { id: modelId });
  const body = (await res.json()) as {
    result: { yaml: string; viewState: { viewport?: unknown; selection?: string[] } };
  };
  return body.result;
}

async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved',
  );
}

describe('the studio', () => {
  it('builds, edits, lays out, survives a reload, refuses a broken import and exports', async () => {
    const { page, guard, context } = await openStudio(browser, studio);
    try {
      // Home, then a model from a template.
      await page.waitForSelector('[data-testid^="use-template-"]');
      await page.waitForSelector('[data-testid^="template-preview-"]');
      await screenshot(page, 'home');
      await page.locator('[data-testid^="use-template-"]').first().click();
      await page.waitForURL(/#\/model\//);
      const modelId = /#\/model\/([A-Za-z0-9_-]+)/.exec(page.url())![1]!;
      await page.waitForSelector('.react-flow__node-kind');
      // The template has no positions: the studio lays it out and saves that.
      await page.waitForFunction(() => {
        const m = (
          window as unknown as {
            __keel?: { studio: { getState(): { model: { nodes: object; layout?: object } | null } } };
          }
        ).__keel?.studio.getState().model;
        return !!m && Object.keys(m.nodes).every((id) => m.layout && id in m.layout);
      });
      await waitSaved(page);
      await page.waitForFunction(() => !document.querySelector('[data-testid="layout-all"]')?.hasAttribute('disabled'));
      const templateNodes = await nodeIds(page);
      // Laid out and fitted: every node is in view, so React Flow renders them all.
      await expect.poll(() => page.locator('.react-flow__node-kind').count()).toBe(templateNodes.length);
      expect(templateNodes.length).toBeGreaterThan(5);
      await screenshot(page, 'studio-template');

      // Drag a service and a database from the palette with the mouse.
      const p1 = await emptyPoint(page);
      await dragFromPalette(page, 'service', p1);
      await page.waitForFunction(
        (n) => document.querySelectorAll('.react-flow__node-kind').length === n + 1,
        templateNodes.length,
      );
      const svc = (await nodeIds(page)).find((id) => !templateNodes.includes(id))!;
      expect(svc).toMatch(/^service(-\d+)?$/);
      const svcBox = (await page.locator(nodeSel(svc)).boundingBox())!;
      expect(Math.abs(svcBox.x + svcBox.width / 2 - p1.x)).toBeLessThan(4);
      expect(Math.abs(svcBox.y + svcBox.height / 2 - p1.y)).toBeLessThan(4);

      const p2 = await emptyPoint(page, 110, [p1]);
      await dragFromPalette(page, 'database', p2);
      await page.waitForFunction(
        (n) => document.querySelectorAll('.react-flow__node-kind').length === n + 2,
        templateNodes.length,
      );
      const db = (await nodeIds(page)).find((id) => !templateNodes.includes(id) && id !== svc)!;
      expect(db).toMatch(/^database(-\d+)?$/);

      // Connect them: drag from a handle of the service to a handle of the database.
      const [from, to] = await page.evaluate(
        ([a, b]) => {
          const ra = document.querySelector(`.react-flow__node[data-id="${a}"]`)!.getBoundingClientRect();
          const rb = document.querySelector(`.react-flow__node[data-id="${b}"]`)!.getBoundingClientRect();
          return ra.x < rb.x ? ['right', 'left'] : ['left', 'right'];
        },
        [svc, db],
      );
      await page.hover(nodeSel(svc));
      const h1 = await center(page, `${nodeSel(svc)} .react-flow__handle-${from}`);
      await page.mouse.move(h1.x, h1.y);
      await page.mouse.down();
      const h2 = await center(page, `${nodeSel(db)} .react-flow__handle-${to}`);
      await page.mouse.move((h1.x + h2.x) / 2, (h1.y + h2.y) / 2, { steps: 8 });
      await page.mouse.move(h2.x, h2.y, { steps: 8 });
      await page.mouse.up();
      await page.waitForSelector(`.react-flow__edge[data-id="${svc}->${db}"]`, { state: 'attached' });

      // Inspector: replicas and context of the service.
      await page.locator(nodeSel(svc)).click();
      await page.waitForSelector(`[data-testid="node-form"][data-node="${svc}"]`);
      // Inline validation beside the field, then a valid value.
      await page.getByTestId('inspector-replicas').fill('0');
      await expect
        .poll(() => page.locator('.field.has-error [data-testid="field-error"]').first().textContent())
        .toMatch(/at least 1/);
      // An invalid model is not sent to the store (it would refuse it); the toolbar says so.
      await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('invalid');
      await page.getByTestId('inspector-replicas').fill('3');
      await expect.poll(() => page.locator('[data-testid="node-form"] [data-testid="field-error"]').count()).toBe(0);
      const contexts = await page.$$eval('[data-testid="inspector-context"] option', (os) =>
        os.map((o) => (o as HTMLOptionElement).value).filter((v) => v && !v.startsWith('\u0000')),
      );
      expect(contexts.length).toBeGreaterThan(0);
      const ctx = contexts[0]!;
      await page.getByTestId('inspector-context').selectOption(ctx);
      await page.waitForSelector(`${nodeSel(svc)} .kn-badge:text("×3")`, { state: 'attached' });
      await page.waitForSelector(`[data-testid="frame-${ctx}"]`);

      // Undo the context, then the replicas; redo both.
      await page.getByTestId('undo').click();
      await expect.poll(() => page.getByTestId('inspector-context').inputValue()).toBe('');
      await page.getByTestId('undo').click();
      await expect.poll(() => page.getByTestId('inspector-replicas').inputValue()).toBe('');
      await page
        .locator('.react-flow__pane')
        .click({ position: { x: 5, y: 5 } })
        .catch(() => undefined);
      await page.locator(nodeSel(svc)).click();
      await page.keyboard.press('Control+Shift+Z');
      await page.keyboard.press('Control+Shift+Z');
      await expect.poll(() => page.getByTestId('inspector-replicas').inputValue()).toBe('3');
      await expect.poll(() => page.getByTestId('inspector-context').inputValue()).toBe(ctx);

      // Auto-layout moves the new nodes into the drawing.
      const before = (await page.locator(nodeSel(db)).boundingBox())!;
      await page.getByTestId('layout-all').click();
      await expect
        .poll(async () => {
          const b = (await page.locator(nodeSel(db)).boundingBox())!;
          return Math.hypot(b.x - before.x, b.y - before.y) > 2;
        })
        .toBe(true);
      await page.waitForFunction(() => !document.querySelector('[data-testid="layout-all"]')?.hasAttribute('disabled'));

      // A deliberate viewport and selection, then everything must survive a reload.
      const paneBox = (await page.locator('.canvas-flow').boundingBox())!;
      await page.mouse.move(paneBox.x + paneBox.width / 2, paneBox.y + paneBox.height / 2);
      await page.mouse.wheel(60, 40);
      await page.locator(nodeSel(svc)).click();
      await waitSaved(page);
      await expect.poll(async () => (await openedModel(modelId)).viewState.selection).toEqual([svc]);
      const viewportBefore = await page.$eval('.react-flow__viewport', (e) => (e as HTMLElement).style.transform);
      await expect.poll(async () => JSON.stringify((await openedModel(modelId)).viewState.viewport)).toContain('zoom');
      const stored = await openedModel(modelId);
      expect(stored.yaml).toContain(`${svc}:`);
      expect(stored.yaml).toMatch(new RegExp(`from: ${svc}[\\s\\S]*?to: ${db}|\\{ ?from: ${svc}, to: ${db}`));
      await screenshot(page, 'studio-edited');

      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector(nodeSel(svc));
      await page.waitForSelector(nodeSel(db));
      await page.waitForSelector(`.react-flow__edge[data-id="${svc}->${db}"]`, { state: 'attached' });
      await page.waitForSelector(`[data-testid="node-form"][data-node="${svc}"]`);
      expect(await page.getByTestId('inspector-replicas').inputValue()).toBe('3');
      expect(await page.getByTestId('inspector-context').inputValue()).toBe(ctx);
      expect(await page.$eval('.react-flow__viewport', (e) => (e as HTMLElement).style.transform)).toBe(viewportBefore);
      expect((await nodeIds(page)).sort()).toEqual([...templateNodes, svc, db].sort());

      // A broken file: positioned errors, and the model stays as it was.
      const yamlBefore = (await openedModel(modelId)).yaml;
      const broken = 'keel: 1\nname: Broken\nnodes:\n  api: { kind: servise }\n';
      await page
        .getByTestId('import-file')
        .setInputFiles({ name: 'broken.keel.yaml', mimeType: 'application/yaml', buffer: Buffer.from(broken) });
      const problem = page.getByTestId('import-problem').first();
      await expect.poll(() => problem.textContent()).toMatch(/^broken\.keel\.yaml:4:\d+:/);
      await screenshot(page, 'import-error');
      await page.getByTestId('import-close').click();
      expect((await openedModel(modelId)).yaml).toBe(yamlBefore);
      expect((await nodeIds(page)).length).toBe(templateNodes.length + 2);

      // Export the design package from the dialog into a folder.
      await page.getByTestId('export-open').click();
      await page.getByTestId('export-dir').fill(exportDir);
      await page.getByTestId('export-run').click();
      await page.waitForSelector('[data-testid="export-result"]');
      await screenshot(page, 'export');
      for (const f of [
        'README.md',
        'report.html',
        'architecture.mmd',
        'architecture.svg',
        'analysis.json',
        'model.keel.yaml',
      ])
        expect(existsSync(join(exportDir, f)), f).toBe(true);
      expect(readdirSync(join(exportDir, 'openapi')).length).toBeGreaterThan(0);
      const listed = await page.$$eval('[data-testid="export-result"] .file-path', (els) =>
        els.map((e) => e.textContent),
      );
      expect(listed).toContain('README.md');

      guard.assertClean();
    } catch (e) {
      await screenshot(page, 'studio-failure').catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });

  it('renames, moves to the trash and restores models on the home screen', async () => {
    const { page, guard, context } = await openStudio(browser, studio);
    try {
      await page.getByTestId('new-model').click();
      await page.waitForURL(/#\/model\//);
      const id = /#\/model\/([A-Za-z0-9_-]+)/.exec(page.url())![1]!;
      await page.waitForSelector('.canvas-empty');
      await screenshot(page, 'studio-empty');
      await page.getByTestId('nav-home').click();
      await page.waitForSelector(`[data-testid="model-${id}"]`);

      await page.getByTestId(`rename-${id}`).click();
      await page.getByTestId('rename-input').fill('Payments platform');
      await page.getByTestId('rename-input').press('Enter');
      await expect
        .poll(() => page.locator(`[data-testid="model-${id}"] .model-title`).textContent())
        .toBe('Payments platform');

      await page.getByTestId(`delete-${id}`).click();
      await expect.poll(() => page.locator(`[data-testid="model-${id}"]`).count()).toBe(0);
      await page.getByTestId('trash-tab').click();
      await page.waitForSelector(`[data-testid="restore-${id}"]`);
      await screenshot(page, 'home-trash');
      await page.getByTestId(`restore-${id}`).click();
      await expect.poll(() => page.locator(`[data-testid="restore-${id}"]`).count()).toBe(0);
      await page.getByRole('tab', { name: /Models/ }).click();
      await page.waitForSelector(`[data-testid="model-${id}"]`);
      const list = (await (await callApi(studio, 'models.list', {})).json()) as {
        result: { id: string; name: string }[];
      };
      expect(list.result.find((m) => m.id === id)?.name).toBe('Payments platform');
      guard.assertClean();
    } finally {
      await context.close();
    }
  });
});
