/**
 * The studio in Chromium (issue 6 targets), against the real `keel serve`:
 *  - a 2,000-node model opens, fitted, to an interactive canvas   (< 3 s)
 *  - dragging a node on it: 95th percentile frame time             (< 33 ms)
 *    at a working zoom (the DOM nodes) and with all 2,000 in view
 *    (the zoomed-out LOD canvas)
 *  - an edit reaches the store                                     (< 1 s)
 * Auto-layout is measured in bench/studio-layout.bench.ts. The load average
 * is printed with the figures: the machine is shared.
 *
 * Needs the built renderer (npm run build:renderer).
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import type { Model } from '../shared/model/types';
import { generateModel } from '../shared/testing/generate-model';
import { REPO_ROOT, callApi, importModel, launchBrowser, startStudio, type Studio } from '../e2e/harness';
import { benchPage } from './bench-page';
import { withGridLayout } from '../shared/testing/grid-layout';

if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) {
  console.error('bench/studio: build the renderer first (npm run build:renderer)');
  process.exit(2);
}

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

interface Row {
  name: string;
  value: string;
  target: string;
  ok: boolean;
  note?: string;
}
const rows: Row[] = [];
const started = Date.now();
const step = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);

async function viewportZoom(page: Page): Promise<number> {
  const t = await page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement | null)?.style.transform ?? '');
  return Number(/scale\(([\d.e-]+)\)/.exec(t)?.[1] ?? NaN);
}

async function openModel(page: Page, studio: Studio, id: string): Promise<number> {
  const url = `${studio.origin}/?token=${studio.token}#/model/${id}`;
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('.react-flow__node-kind', { timeout: 60_000 });
  // Interactive: the canvas answers a frame after it is drawn.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return Date.now() - t0;
}

async function main() {
  const studio = await startStudio();
  const browser = await launchBrowser();
  const page = await benchPage(browser);
  try {
    // ---------------------------------------------------------------- open 2,000 nodes
    const big = withGridLayout(generateModel({ nodes: 2000, links: 3000, seed: 7 }));
    step('importing the 2,000-node model');
    const bigId = await importModel(studio, big, 'big.keel.yaml');
    step('opening it');
    // The first open pays for a cold HTTP cache and JIT (a first launch); the figure is the
    // second, like any later launch of the app. Both are printed.
    const firstOpenMs = await openModel(page, studio, bigId);
    const openMs = await openModel(page, studio, bigId);
    const rendered = await page.locator('.react-flow__node-kind').count();
    rows.push({
      name: 'open 2,000-node model',
      value: fmt(openMs),
      target: '< 3000 ms',
      ok: openMs < 3000,
      note: `${rendered} nodes in view rendered; first open, cold cache and JIT: ${fmt(firstOpenMs)}`,
    });

    step(`opened in ${openMs} ms`);
    // ---------------------------------------------------------------- drag frame times
    await page.waitForTimeout(1000);
    const fitted = await dragNearCentre(page);
    rows.push({
      name: 'drag a node, all 2,000 in view: p95 frame',
      value: `${fitted.p95.toFixed(1)} ms`,
      target: '< 33 ms',
      ok: fitted.p95 < 33,
      note: `zoom ${fitted.zoom.toFixed(2)} (LOD canvas), ${fitted.frames} frames, median ${fitted.median.toFixed(1)} ms, max ${fitted.max.toFixed(1)} ms`,
    });
    // A working zoom: the neighbourhood of the node nearest the centre, drawn by the DOM nodes
    // (asked again if the canvas was still settling the drop of the first drag and kept its zoom).
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.evaluate(() => {
        const k = (
          window as unknown as {
            __keel: { canvas: { fit(ids?: string[]): void; boxes(): Map<string, { x: number; y: number }> } };
          }
        ).__keel;
        const boxes = k.canvas.boxes();
        const all = [...boxes.values()];
        const cx = all.reduce((s, b) => s + b.x, 0) / all.length;
        const cy = all.reduce((s, b) => s + b.y, 0) / all.length;
        const near = [...boxes].filter(([, b]) => Math.abs(b.x - cx) < 800 && Math.abs(b.y - cy) < 450).map(([id]) => id);
        k.canvas.fit(near);
      });
      await page.waitForTimeout(500);
      if ((await viewportZoom(page)) > 0.3) break;
    }
    await page.waitForTimeout(1500);
    const target = await dragNearCentre(page);
    rows.push({
      name: 'drag a node on 2,000 nodes, working zoom: p95',
      value: `${target.p95.toFixed(1)} ms`,
      target: '< 33 ms',
      // Measured at the wrong zoom, the figure says nothing about the DOM nodes: not ok.
      ok: target.p95 < 33 && target.zoom > 0.3,
      note: `zoom ${target.zoom.toFixed(2)}, ${target.rendered} nodes rendered, ${target.frames} frames, median ${target.median.toFixed(1)} ms, max ${target.max.toFixed(1)} ms`,
    });

    step('dragged');
    // ---------------------------------------------------------------- edit -> store
    await page.evaluate(
      (id) => (window as unknown as { __keel: { studio: { select(ids: string[]): void } } }).__keel.studio.select([id]),
      target.id,
    );
    await page.getByTestId('inspector-replicas').waitFor();
    // The edit starts when the input event fires; it has reached the store when models.save has answered.
    await page.evaluate(() => {
      const w = window as unknown as {
        __editAt: number;
        __editVersion: number;
        __keel: { studio: { getState(): { modelVersion: number } } };
      };
      w.__editAt = 0;
      document.addEventListener(
        'input',
        () => {
          if (w.__editAt) return;
          w.__editAt = performance.now();
          w.__editVersion = w.__keel.studio.getState().modelVersion + 1;
        },
        { capture: true },
      );
    });
    await page.getByTestId('inspector-replicas').fill('7');
    await page.waitForFunction(
      () => {
        const w = window as unknown as {
          __editAt: number;
          __editVersion: number;
          __keel: { autosaver: { savedModelVersion: number } };
        };
        return w.__editAt > 0 && w.__keel.autosaver.savedModelVersion >= w.__editVersion;
      },
      undefined,
      { timeout: 60_000, polling: 20 },
    );
    const storedMs = await page.evaluate(() => {
      const w = window as unknown as { __editAt: number; __keel: { autosaver: { lastSave: { savedAt: number } } } };
      return w.__keel.autosaver.lastSave.savedAt - w.__editAt;
    });
    const res = await callApi(studio, 'models.open', { id: bigId });
    const stored = parse(((await res.json()) as { result: { yaml: string } }).result.yaml) as Model;
    if (stored.nodes[target.id]?.replicas !== 7) throw new Error('the edit is not in the store');
    rows.push({
      name: 'edit reaches the store (2,000 nodes)',
      value: fmt(storedMs),
      target: '< 1000 ms',
      ok: storedMs < 1000,
      note: 'input event to models.save answered (150 ms debounce included); checked in the store after',
    });
  } catch (e) {
    console.error('bench/studio failed:', e);
    process.exitCode = 1;
  } finally {
    await page.context().close();
    await browser.close();
    await studio.stop();
  }

  console.log(
    `\nstudio (Chromium, keel serve; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  for (const r of rows)
    console.log(
      `${r.name.padEnd(48)} ${r.value.padStart(10)}   target ${r.target.padEnd(10)} ${verdict(r.ok)}${r.note ? `   (${r.note})` : ''}`,
    );
  process.exit(rows.every((r) => r.ok) ? 0 : 1);
}

/**
 * Drags the node nearest the centre of the canvas 270 px to the right with a
 * wave (90 pointer moves) and returns the frame times seen meanwhile, after
 * checking that the model took the new position.
 */
async function dragNearCentre(page: Page) {
  const target = await page.evaluate(() => {
    const pane = document.querySelector('.canvas-flow')!.getBoundingClientRect();
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    let best: { id: string; x: number; y: number; d: number } | null = null;
    for (const el of document.querySelectorAll('.react-flow__node-kind')) {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const d = Math.hypot(x - cx, y - cy);
      if (!best || d < best.d) best = { id: el.getAttribute('data-id')!, x, y, d };
    }
    return best;
  });
  if (!target) throw new Error('no node in view to drag');
  const before = await page.evaluate((id) => {
    const k = (window as unknown as { __keel: { studio: { getState(): { model: Model } } } }).__keel;
    return k.studio.getState().model.layout?.[id];
  }, target.id);
  const zoom = await page.evaluate(() => {
    const t = document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform;
    return Number(/scale\(([\d.]+)\)/.exec(t)?.[1] ?? NaN);
  });
  const rendered = await page.locator('.react-flow__node-kind').count();
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  for (let i = 1; i <= 90; i++) {
    await page.mouse.move(target.x + i * 3, target.y + Math.sin(i / 8) * 40);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(2);
  });
  await page.waitForTimeout(300);
  const moved = await page.evaluate((id) => {
    const k = (window as unknown as { __keel: { studio: { getState(): { model: Model } } } }).__keel;
    return k.studio.getState().model.layout?.[id];
  }, target.id);
  if (!moved || !before || moved.x === before.x) throw new Error('the drag did not move the node in the model');
  return {
    id: target.id,
    zoom,
    rendered,
    frames: frames.length,
    p95: pct(frames, 95),
    median: pct(frames, 50),
    max: Math.max(...frames),
  };
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
