/**
 * Live analysis and what-if in the real studio (`keel serve` + Chromium):
 * overload a service from the inspector and fix it with replicas, find the
 * bottleneck with the load slider, fail a database, suppress a finding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openStudio, screenshot, startStudio, type PageGuard, type Studio } from './harness';

let studio: Studio;
let browser: Browser;
let page: Page;
let guard: PageGuard;
let close: () => Promise<void>;

const FINDINGS = '[data-testid=findings]';

interface KeelHandle {
  studio: {
    getState(): {
      modelVersion: number;
      canUndo: boolean;
      model: { suppress?: unknown[]; nodes: Record<string, unknown> };
    };
  };
}

function studioState(p: Page) {
  return p.evaluate(() => {
    const s = (window as unknown as { __keel: KeelHandle }).__keel.studio.getState();
    return {
      modelVersion: s.modelVersion,
      canUndo: s.canUndo,
      suppress: s.model.suppress ?? [],
      rps: (s.model.nodes.web as { rps?: number }).rps,
    };
  });
}

async function selectNode(p: Page, id: string) {
  await p.evaluate((nodeId) => {
    (window as unknown as { __keel: { canvas: { fit(ids: string[]): void } } }).__keel.canvas.fit([nodeId]);
  }, id);
  await p.waitForTimeout(400); // the fit animation
  await p.click(`.react-flow__node[data-id="${id}"] .kn-name`);
  await p.waitForSelector(`[data-testid=node-form][data-node="${id}"]`);
}

beforeAll(async () => {
  studio = await startStudio();
  browser = await launchBrowser();
  const opened = await openStudio(browser, studio);
  page = opened.page;
  guard = opened.guard;
  close = () => opened.context.close();
  await page.click('[data-testid="use-template-ecommerce-microservices"]');
  await page.waitForSelector('.react-flow__node[data-id="catalog"]');
  await page.waitForSelector(`${FINDINGS} [data-rule]`);
});

afterAll(async () => {
  await close?.();
  await browser?.close();
  await studio?.stop();
});

describe('live analysis', () => {
  it('shows heat, badges, link loads and the findings of a fresh model', async () => {
    // The template's catalog runs hot (about 83%): a hotspot finding, an orange heat bar.
    await page.waitForSelector(`${FINDINGS} [data-rule="capacity.hotspot"][data-node="catalog"]`);
    await expect
      .poll(() => page.getAttribute('.react-flow__node[data-id="catalog"] .an-heat', 'data-heat'))
      .toBe('hot');
    await expect.poll(() => page.getAttribute('.react-flow__node[data-id="cart"] .an-heat', 'data-heat')).toBe('cool');
    await expect.poll(() => page.textContent('.react-flow__edge-label, .link-label')).toBeTruthy();
    const loads = await page.$$eval('.link-load', (els) => els.map((e) => e.textContent));
    expect(loads.some((t) => /rps$/.test(t ?? ''))).toBe(true);
    expect(Number(await page.textContent('[data-testid=count-warning]'))).toBeGreaterThan(0);
    await screenshot(page, 'analysis-1-fresh-model');
    guard.assertClean();
  });

  it('overloads a service from a client’s rps, and clears it with replicas', async () => {
    await selectNode(page, 'web');
    await page.waitForSelector('[data-testid=entry-figures]');
    const before = await studioState(page);
    for (const rps of [1500, 2000, 2600]) {
      await page.fill('[data-testid=inspector-rps]', String(rps));
      const found = await page
        .waitForSelector(`${FINDINGS} [data-rule="capacity.overload"]`, { timeout: 3000 })
        .then(() => true)
        .catch(() => false);
      if (found) break;
    }
    const overload = page.locator(`${FINDINGS} [data-rule="capacity.overload"]`);
    await overload.first().waitFor();
    expect(await overload.first().getAttribute('data-node')).toBe('catalog');
    expect(await overload.first().getAttribute('data-severity')).toBe('critical');
    expect((await studioState(page)).modelVersion).toBeGreaterThan(before.modelVersion);
    // Node decorations follow the findings within a frame or two: poll rather than read once.
    await expect
      .poll(() => page.getAttribute('.react-flow__node[data-id="catalog"] .an-heat', 'data-heat'))
      .toBe('over');
    await expect
      .poll(() => page.getAttribute('.react-flow__node[data-id="catalog"] [data-testid=node-findings]', 'data-worst'))
      .toBe('critical');
    await screenshot(page, 'analysis-2-overloaded');

    // Clicking the finding selects catalog and shows its figures.
    await overload.first().locator('.finding-main').click();
    await page.waitForSelector('[data-testid=node-form][data-node="catalog"]');
    await page.waitForSelector('[data-testid=fig-utilization]');
    await expect.poll(() => page.textContent('[data-testid=fig-utilization]')).toMatch(/over capacity/);
    await expect.poll(() => page.textContent('[data-testid=fig-latency]')).toMatch(/unbounded|ms/);
    await screenshot(page, 'analysis-3-finding-selected');

    await page.fill('[data-testid=inspector-replicas]', '6');
    await overload.first().waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getAttribute('.react-flow__node[data-id="catalog"] .an-heat', 'data-heat'))
      .not.toBe('over');
    await expect.poll(() => page.textContent('[data-testid=fig-utilization]')).not.toMatch(/over capacity/);
    await screenshot(page, 'analysis-4-replicas-added');
    guard.assertClean();
  });

  it('names the bottleneck as the load slider moves, without touching the model', async () => {
    await page.click('.react-flow__pane');
    const before = await studioState(page);
    const slider = page.locator('[data-testid=load-factor]');
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    // Start at the thumb (×1, the middle) and drag right a step at a time.
    let x = box.x + box.width / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    let named = false;
    while (x < box.x + box.width - 2 && !named) {
      x += 6;
      await page.mouse.move(x, y);
      named = await page.isVisible('[data-testid=bottleneck]');
      if (!named) await page.waitForTimeout(60);
      named ||= await page.isVisible('[data-testid=bottleneck]');
    }
    await page.mouse.up();
    expect(named).toBe(true);
    const banner = await page.textContent('[data-testid=bottleneck]');
    expect(banner).toMatch(/saturates at ×\d/);
    const node = await page.getAttribute('[data-testid=bottleneck]', 'data-node');
    // web at 2600 rps and catalog at 6 replicas: catalog is still the first to go.
    expect(node).toBe('catalog');
    expect(banner).toContain('Catalog service');
    expect(Number(await page.getAttribute('[data-testid=load-factor-value]', 'data-factor'))).toBeGreaterThan(1);
    await expect.poll(() => page.getAttribute('[data-testid=whatif]', 'data-active')).toBe('true');
    await screenshot(page, 'analysis-5-load-slider-bottleneck');

    const after = await studioState(page);
    expect(after.modelVersion).toBe(before.modelVersion);
    expect(after.rps).toBe(before.rps);
    await page.click('[data-testid=whatif-reset]');
    await page.waitForSelector('[data-testid=bottleneck]', { state: 'detached' });
    await expect.poll(() => page.getAttribute('[data-testid=load-factor-value]', 'data-factor')).toBe('1');
    guard.assertClean();
  });

  it('fails a database and lists the entries that go down', async () => {
    const before = await studioState(page);
    await selectNode(page, 'orders-db');
    await page.click('[data-testid=fail-node]');
    const down = page.locator('[data-testid=whatif-down-entries]');
    await down.locator('[data-entry="web"]').waitFor();
    expect(
      await down.locator('[data-entry]').evaluateAll((els) => els.map((e) => e.getAttribute('data-entry'))),
    ).toEqual(['web', 'mobile']);
    await expect
      .poll(() => page.getAttribute('.react-flow__node[data-id="orders-db"] .an-down', 'data-whatif'))
      .toBe('failed');
    await expect
      .poll(() => page.getAttribute('.react-flow__node[data-id="orders"] .an-down', 'data-whatif'))
      .toBe('down');
    expect(await page.locator('path.link.is-affected').count()).toBeGreaterThan(0);
    await page.click('.react-flow__pane');
    await screenshot(page, 'analysis-6-database-failed');

    // The node's context menu brings it back; nothing of this touched the model.
    await page.click('.react-flow__node[data-id="orders-db"] .kn-name', { button: 'right' });
    await page.click('[data-testid=menu-fail-node]');
    await page.waitForSelector('[data-testid=whatif-failure]', { state: 'detached' });
    const after = await studioState(page);
    expect(after.modelVersion).toBe(before.modelVersion);
    expect(after.canUndo).toBe(before.canUndo);
    guard.assertClean();
  });

  it('suppresses a finding with a reason and moves it to suppressed', async () => {
    const row = page.locator(`${FINDINGS} [data-rule="resilience.spof"][data-node="orders-db"]`);
    await row.waitFor();
    await row.hover();
    await row.locator('[data-testid=suppress]').click();
    await row.locator('[data-testid=suppress-reason]').fill('Managed failover by the provider');
    await screenshot(page, 'analysis-7-suppress-form');
    await row.locator('[data-testid=suppress-confirm]').click();
    await page.waitForSelector(
      `${FINDINGS} [data-rule="resilience.spof"][data-node="orders-db"][data-suppressed=false]`,
      {
        state: 'detached',
      },
    );
    await page.click('[data-testid=suppressed-toggle]');
    const suppressed = page.locator(
      `${FINDINGS} [data-rule="resilience.spof"][data-node="orders-db"][data-suppressed=true]`,
    );
    await suppressed.waitFor();
    expect(await suppressed.textContent()).toContain('Managed failover by the provider');
    const state = await studioState(page);
    expect(state.suppress).toContainEqual({
      rule: 'resilience.spof',
      node: 'orders-db',
      reason: 'Managed failover by the provider',
    });
    await screenshot(page, 'analysis-8-suppressed');

    // One undo step takes it back.
    await page.click('[data-testid=undo]');
    await page.waitForSelector(
      `${FINDINGS} [data-rule="resilience.spof"][data-node="orders-db"][data-suppressed=false]`,
    );
    guard.assertClean();
  });
});
