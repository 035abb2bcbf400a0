/** The concurrent build (ELK on a worker thread) gives exactly the files of the in-process build. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { Model } from '../../shared/model/types';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis';
import { buildDesignPackage } from '../../shared/export';
import { shopModel } from '../../shared/export/fixtures/shop';
import { generateModel } from '../../shared/testing/generate-model';
import { exportLayoutMode, layoutModel, layoutNeedsElk, type ElkLike } from '../../shared/diagram';
import { renderSvg } from '../../shared/diagram/svg';
import { createBundledElk } from '../../shared/diagram/node-elk';
import { buildPackage } from './build-package';
import { renderDiagramSvg } from './diagram';

describe('buildPackage', () => {
  it.each([
    ['fixture', shopModel],
    ['generated', generateModel({ nodes: 40, links: 60, seed: 11 })],
  ])('%s: same files as buildDesignPackage with the SVG rendered in process', async (_name, model) => {
    const { files } = await buildPackage(model, { toolVersion: '1.0.0' });
    const analysis = analyze(model);
    const svg = await renderDiagramSvg(model, analysis);
    const expected = buildDesignPackage(model, { analysis, svg: svg!, toolVersion: '1.0.0' });
    expect([...files.keys()]).toEqual([...expected.keys()]);
    for (const [path, content] of expected) expect(files.get(path), path).toBe(content);
    expect(files.get('architecture.svg')).toMatch(/<svg/);
    // A layout instead of an SVG gives the same package.
    const layout = await layoutModel(model, { elk: createBundledElk() });
    expect(buildDesignPackage(model, { analysis, layout, toolVersion: '1.0.0' })).toEqual(expected);
  });
});

describe('buildPackage with saved positions', () => {
  it('draws every node where the model places it, without starting ELK', async () => {
    const model = structuredClone(shopModel);
    const ids = Object.keys(model.nodes);
    model.layout = Object.fromEntries(ids.map((id, i) => [id, { x: 40 + (i % 4) * 320, y: 40 + Math.floor(i / 4) * 200 }]));
    expect(layoutNeedsElk(model, exportLayoutMode(model))).toBe(false);
    const failing: ElkLike = { layout: () => Promise.reject(new Error('ELK was called')) };
    const layout = await layoutModel(model, { elk: failing, mode: exportLayoutMode(model) });
    for (const id of ids) expect([layout.nodes[id]!.x, layout.nodes[id]!.y]).toEqual([model.layout[id]!.x, model.layout[id]!.y]);
    const { files } = await buildPackage(model, { toolVersion: '1.0.0' });
    const analysis = analyze(model);
    expect(files.get('architecture.svg')).toBe(renderSvg(model, layout, { analysis }));
    // One node without a position: ELK places it.
    delete model.layout[ids[0]!];
    expect(layoutNeedsElk(model, exportLayoutMode(model))).toBe(true);
  });

  it('keel export of a fully placed model exits by itself', () => {
    // It used to hang: the unused layout worker was ref'd again by its listeners.
    const template = new URL('../../resources/templates/ecommerce-microservices.keel.yaml', import.meta.url);
    const model = parse(readFileSync(template, 'utf8')) as Model;
    model.layout = Object.fromEntries(Object.keys(model.nodes).map((id, i) => [id, { x: 40 + i * 260, y: 40 }]));
    const dir = mkdtempSync(join(tmpdir(), 'keel-placed-'));
    try {
      writeFileSync(join(dir, 'shop.keel.yaml'), stringify(model));
      const bin = fileURLToPath(new URL('../../bin/keel.mjs', import.meta.url));
      const r = spawnSync(process.execPath, [bin, 'export', join(dir, 'shop.keel.yaml'), '--out', join(dir, 'out')], {
        timeout: 90_000,
        encoding: 'utf8',
      });
      expect(r.error, 'still running after 90 s').toBeUndefined();
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(join(dir, 'out', 'architecture.svg'), 'utf8')).toMatch(/<svg/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 100_000);
});
