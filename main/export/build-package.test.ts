/** The concurrent build (ELK on a worker thread) gives exactly the files of the in-process build. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis';
import { buildDesignPackage } from '../../shared/export';
import { shopModel } from '../../shared/export/fixtures/shop';
import { generateModel } from '../../shared/testing/generate-model';
import { layoutModel } from '../../shared/diagram';
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
