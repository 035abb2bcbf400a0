/**
 * The code view and snapshots end to end: the real `keel serve`, Debian's
 * Chromium, real keystrokes into CodeMirror. YAML edits reach the canvas,
 * inspector edits reach the text (comments kept, cursor kept), errors are
 * underlined with the validator's message, completion comes from the schema,
 * autosave keeps the hand-written text; a snapshot is taken, the model
 * changed, the two compared and the snapshot restored.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateModel } from '../shared/testing/generate-model';
import { writeModel } from '../shared/write';
import { callApi, launchBrowser, openStudio, REPO_ROOT, screenshot, startStudio, type PageGuard, type Studio } from './harness';

const FIXTURE = join(REPO_ROOT, 'shared', 'testing', 'fixtures', 'online-shop.keel.yaml');

let studio: Studio;
let browser: Browser;

beforeAll(async () => {
  studio = await startStudio({ file: FIXTURE });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await studio?.stop();
});

interface PageKeel {
  __keel: {
    studio: {
      getState(): {
        model: { nodes: Record<string, { name?: string; replicas?: number; kind: string }> };
        undoLabel?: string;
      };
      undo(): void;
    };
  };
  __keelCode: {
    view: {
      state: {
        doc: { toString(): string; lineAt(pos: number): { number: number; from: number; text: string } };
        selection: { main: { head: number } };
      };
      scrollDOM: HTMLElement;
      dispatch(spec: unknown): void;
      focus(): void;
    };
  };
}

const editorText = (page: Page) => page.evaluate(() => (window as unknown as PageKeel).__keelCode.view.state.doc.toString());
const modelNode = (page: Page, id: string) =>
  page.evaluate((id) => (window as unknown as PageKeel).__keel.studio.getState().model.nodes[id] ?? null, id);

/** Puts the editor's cursor at an offset (scrolled into view) and focuses it. */
async function placeCursor(page: Page, offset: number): Promise<void> {
  await page.evaluate((o) => {
    const v = (window as unknown as PageKeel).__keelCode.view;
    v.dispatch({ selection: { anchor: o }, scrollIntoView: true });
    v.focus();
  }, offset);
}

async function cursor(page: Page): Promise<{ head: number; after: string; scrollTop: number }> {
  return page.evaluate(() => {
    const v = (window as unknown as PageKeel).__keelCode.view;
    const head = v.state.selection.main.head;
    return { head, after: v.state.doc.toString().slice(head, head + 24), scrollTop: v.scrollDOM.scrollTop };
  });
}

async function openModel(): Promise<{ page: Page; close: () => Promise<void>; guard: PageGuard }> {
  const { page, context, guard } = await openStudio(browser, studio);
  await page.getByTestId('canvas').waitFor();
  await page.locator('.react-flow__node[data-id="orders"]').waitFor();
  return { page, guard, close: () => context.close() };
}

describe('code view', () => {
  it('follows YAML edits on the canvas and inspector edits in the text, keeping comments and the cursor', async () => {
    const { page, guard, close } = await openModel();
    try {
      await page.getByTestId('toggle-code').click();
      await page.getByTestId('code-editor').locator('.cm-content').waitFor();
      expect(await editorText(page)).toContain('# (fixed) format version, required');
      // Let the initial placement of unplaced nodes settle into the text.
      await expect.poll(async () => (await editorText(page)).includes('orders: {'), { timeout: 15_000 }).toBe(true);

      // YAML -> canvas: give `orders` a name, typed as real input.
      const text = await editorText(page);
      const at = text.indexOf('    tech: Go');
      await placeCursor(page, at);
      await page.keyboard.insertText('    name: Order desk\n');
      await expect
        .poll(() => page.locator('.react-flow__node[data-id="orders"] .kn-name').textContent(), { timeout: 5000 })
        .toBe('Order desk');
      // Then key by key: "desk" -> "service"; one undo step for the whole burst.
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type('service', { delay: 30 });
      await expect
        .poll(() => page.locator('.react-flow__node[data-id="orders"] .kn-name').textContent(), { timeout: 5000 })
        .toBe('Order service');
      expect(await page.evaluate(() => (window as unknown as PageKeel).__keel.studio.getState().undoLabel)).toBe('Edit YAML');

      // Add a node in YAML: it appears in the model and on the canvas.
      const t2 = await editorText(page);
      await placeCursor(page, t2.indexOf('links:'));
      await page.keyboard.insertText('  audit-log:\n    kind: storage\n    name: Audit log\n');
      await expect.poll(() => modelNode(page, 'audit-log'), { timeout: 5000 }).toMatchObject({ kind: 'storage', name: 'Audit log' });
      await page.getByTestId('fit').click();
      await page.locator('.react-flow__node[data-id="audit-log"]').waitFor({ timeout: 10_000 });
      await screenshot(page, 'code-view-yaml-to-canvas');

      // Inspector -> YAML: replicas of orders 3 -> 12, with the cursor parked further down.
      const t3 = await editorText(page);
      await placeCursor(page, t3.indexOf('decisions:'));
      const before = await cursor(page);
      await page.locator('.react-flow__node[data-id="orders"]').click();
      await page.getByTestId('inspector-replicas').fill('12');
      await expect.poll(async () => (await editorText(page)).includes('    replicas: 12\n'), { timeout: 5000 }).toBe(true);
      const after = await cursor(page);
      expect(after.after).toBe(before.after);
      expect(after.head).toBe(before.head + 1);
      const t4 = await editorText(page);
      expect(t4).toContain('# (fixed) format version, required');
      expect(t4).toContain('customers:             # added: the target of orders.customer_id');
      expect(t4).toContain('    name: Order service\n');
      await screenshot(page, 'code-view-inspector-to-yaml');

      // Autosave stores the hand-written text, comments included.
      await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
      const id = decodeURIComponent(new URL(page.url()).hash.split('/').pop()!);
      const stored = (await (await callApi(studio, 'models.open', { id })).json()) as { result: { yaml: string } };
      expect(stored.result.yaml).toContain('# (fixed) format version, required');
      expect(stored.result.yaml).toContain('    replicas: 12\n');
      expect(stored.result.yaml).toContain('  audit-log:\n');
      guard.assertClean();
    } finally {
      await close();
    }
  });

  it('underlines an invalid value with the validator message and keeps the last valid model on the canvas', async () => {
    const { page, guard, close } = await openModel();
    try {
      await page.getByTestId('toggle-code').click();
      await page.getByTestId('code-editor').locator('.cm-content').waitFor();
      const text = await editorText(page);
      const replicas = text.indexOf('replicas: 2\n');
      await placeCursor(page, replicas + 'replicas: '.length);
      await page.keyboard.press('Shift+End');
      await page.keyboard.type('many');
      const problem = page.getByTestId('code-problems');
      await problem.waitFor({ timeout: 5000 });
      const line = text.slice(0, replicas).split('\n').length;
      expect(await problem.textContent()).toMatch(new RegExp(`^${line}:\\d+`));
      expect(await problem.textContent()).toMatch(/number|integer/i);
      const underline = page.locator('.cm-lintRange-error');
      await expect.poll(() => underline.count()).toBeGreaterThan(0);
      expect(await underline.first().textContent()).toContain('many');
      expect(await page.getByTestId('code-status').getAttribute('data-state')).toBe('invalid');
      // The canvas and store keep the last valid model.
      expect((await modelNode(page, 'gateway'))!.replicas).toBe(2);
      await underline.first().hover();
      await page.locator('.cm-tooltip-lint').waitFor({ timeout: 5000 });
      expect(await page.locator('.cm-tooltip-lint').textContent()).toMatch(/number|integer/i);
      await screenshot(page, 'code-view-error');

      // Fixing it applies again.
      const bad = (await editorText(page)).indexOf('replicas: many');
      expect(bad).toBeGreaterThan(0);
      await placeCursor(page, bad + 'replicas: '.length);
      await page.keyboard.press('Shift+End');
      await page.keyboard.type('4');
      await expect.poll(async () => (await modelNode(page, 'gateway'))!.replicas, { timeout: 5000 }).toBe(4);
      await expect.poll(() => page.getByTestId('code-problems').count()).toBe(0);
      expect(await page.locator('.cm-lintRange-error').count()).toBe(0);

      // Completion of keys from the schema, for the kind of the node the cursor is in.
      const t2 = await editorText(page);
      await placeCursor(page, t2.indexOf('    security: { auth: jwt'));
      await page.keyboard.insertText('    \n');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      await page.keyboard.type('obs', { delay: 40 });
      const popup = page.locator('.cm-tooltip-autocomplete');
      await popup.waitFor({ timeout: 5000 });
      expect(await popup.textContent()).toContain('observability');
      await screenshot(page, 'code-view-completion');
      await page.keyboard.press('Escape');
      guard.assertClean();
    } finally {
      await close();
    }
  });
});

describe('code view on a large model', () => {
  it('writes a canvas edit the line patch cannot take in a worker, keeping the comments', async () => {
    const model = generateModel({ nodes: 400, links: 900 });
    const ids = Object.keys(model.nodes);
    model.layout = Object.fromEntries(ids.map((id, i) => [id, { x: (i % 20) * 240, y: Math.floor(i / 20) * 120 }]));
    const dir = mkdtempSync(join(tmpdir(), 'keel-code-large-'));
    const file = join(dir, 'large.keel.yaml');
    writeFileSync(file, `# Large, with a hand-written header\n${writeModel(model)}`);
    const big = await startStudio({ file, timeoutMs: 60_000 });
    try {
      const { page, guard, context } = await openStudio(browser, big);
      try {
        await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
        await page.getByTestId('toggle-code').click();
        await page.getByTestId('code-editor').locator('.cm-content').waitFor({ timeout: 30_000 });
        expect((await editorText(page)).length).toBeGreaterThan(100_000);
        // The model's description: a top-level scalar, which the line patch leaves to the yaml Document.
        await page.evaluate(() =>
          (window as unknown as { __keel: { studio: { edit(r: (d: { description?: string }) => void, o: { label: string }): void } } }).__keel.studio.edit(
            (d) => void (d.description = 'Edited on the canvas: yes'),
            { label: 'Edit description' },
          ),
        );
        await expect.poll(async () => (await editorText(page)).includes('Edited on the canvas: yes'), { timeout: 20_000 }).toBe(true);
        const text = await editorText(page);
        expect(text.startsWith('# Large, with a hand-written header\n')).toBe(true);
        expect(await page.evaluate(() => performance.getEntriesByName('keel:code-push-worker').length)).toBeGreaterThan(0);
        expect(await page.getByTestId('code-status').getAttribute('data-state')).toBe('synced');
        guard.assertClean();
      } finally {
        await context.close();
      }
    } finally {
      await big.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('snapshots and compare', () => {
  it('takes a snapshot, changes the model, lists the difference and restores the snapshot', async () => {
    const { page, guard, close } = await openModel();
    try {
      const replicasBefore = (await modelNode(page, 'orders'))!.replicas;
      await page.getByTestId('toggle-history').click();
      await page.getByTestId('history-panel').waitFor();
      await page.getByTestId('snapshot-name').fill('Before scaling down');
      await page.getByTestId('snapshot-save').click();
      const snap = page.locator('[data-testid="revision"][data-kind="snapshot"]', { hasText: 'Before scaling down' });
      await snap.waitFor({ timeout: 10_000 });
      const snapRev = Number(await snap.getAttribute('data-revision'));

      // Change the model: orders down to one replica (overloaded), a new cache.
      await page.getByTestId('toggle-history').click();
      await page.locator('.react-flow__node[data-id="orders"]').click();
      await page.getByTestId('inspector-replicas').fill('1');
      await page.getByTestId('toggle-code').click();
      await page.getByTestId('code-editor').locator('.cm-content').waitFor();
      await placeCursor(page, (await editorText(page)).indexOf('links:'));
      await page.keyboard.insertText('  session-cache:\n    kind: cache\n');
      await expect.poll(() => modelNode(page, 'session-cache'), { timeout: 5000 }).not.toBeNull();
      await page.getByTestId('toggle-code').click();

      await page.getByTestId('toggle-history').click();
      await page.locator(`[data-testid="revision"][data-revision="${snapRev}"] [data-testid="revision-pick"]`).check();
      await page.getByTestId('compare-current').click();
      const cmp = page.getByTestId('comparison');
      await cmp.waitFor({ timeout: 10_000 });
      expect(await cmp.getByTestId('diff-added').allTextContents()).toContain('+session-cache');
      const field = cmp.locator('[data-testid="diff-changed"]', { hasText: 'orders' }).locator('[data-path="replicas"]');
      expect((await field.textContent())!.replace(/\s+/g, '')).toBe(`replicas${replicasBefore}→1`);
      const scale = await cmp.getByTestId('diff-maxscale').textContent();
      expect(scale).toMatch(/×[\d.]+ → ×[\d.]+/);
      const [, beforeScale, afterScale] = /×([\d.]+) → ×([\d.]+)/.exec(scale!)!;
      expect(Number(afterScale)).toBeLessThan(Number(beforeScale));
      expect(await cmp.getByTestId('diff-analysis').locator('[data-rule]').count()).toBeGreaterThan(0);
      // Highlighted on the canvas: the new cache green, orders amber.
      await expect.poll(() => page.locator('[data-testid="compare-is-added"][data-node="session-cache"]').count()).toBe(1);
      await expect.poll(() => page.locator('[data-testid="compare-is-changed"][data-node="orders"]').count()).toBe(1);
      await page.getByTestId('fit').click();
      await page.waitForTimeout(500);
      await screenshot(page, 'snapshots-compare');

      // Restore the snapshot: confirmation, a new revision, the model reloaded.
      await page.getByTestId('compare-back').click();
      const row = page.locator(`[data-testid="revision"][data-revision="${snapRev}"]`);
      await row.getByTestId('restore').click();
      await row.getByTestId('restore-yes').click();
      await page.getByTestId('history-notice').waitFor();
      expect(await page.getByTestId('history-notice').textContent()).toMatch(new RegExp(`Restored revision ${snapRev}`));
      await expect.poll(async () => (await modelNode(page, 'orders'))!.replicas).toBe(replicasBefore);
      expect(await modelNode(page, 'session-cache')).toBeNull();
      await expect.poll(() => page.locator('[data-testid="revision"][data-kind="restore"]').count()).toBeGreaterThan(0);
      await screenshot(page, 'snapshots-restored');
      guard.assertClean();
    } finally {
      await close();
    }
  });
});
