import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis';
import type { AnalysisResult, WhatIfOptions } from '../../../shared/analysis/types';
import type { Model } from '../../../shared/model/types';
import { generateModel } from '../../../shared/testing/generate-model';
import { createResultDecoder, createResultEncoder, type EncodedResult } from './result-codec';

/** A plain copy of a result (blast radii materialised, as JSON sees it). */
const plain = (r: AnalysisResult) => JSON.parse(JSON.stringify(r)) as AnalysisResult;

describe('result codec between worker and client', () => {
  it('rebuilds every result of a sequence of edits and what-ifs exactly, sending less each time', () => {
    const encode = createResultEncoder();
    const decode = createResultDecoder();
    const m0 = generateModel({ nodes: 200, links: 500 });
    const svc = Object.keys(m0.nodes).find((id) => m0.nodes[id]!.kind === 'service')!;
    const m1 = produce(m0, (d) => void (d.nodes[svc]!.replicas = 7));
    const m2 = produce(m1, (d) => void delete d.nodes[Object.keys(d.nodes).at(-1)!]);
    const steps: [Model, WhatIfOptions, boolean][] = [
      [m0, {}, true],
      [m0, { loadFactor: 2 }, false],
      [m1, { loadFactor: 2 }, true],
      [m1, { loadFactor: 2, failed: [svc] }, false],
      [m2, {}, true],
    ];
    const sizes: number[] = [];
    for (const [m, opts, changed] of steps) {
      const result = analyze(m, opts);
      const { message, transfer } = encode(result, changed);
      const sent = structuredClone(message, { transfer }) as EncodedResult;
      sizes.push(sent.findings.filter((f) => typeof f !== 'number').length);
      expect(plain(decode(sent))).toEqual(plain(analyze(m, opts)));
    }
    // Only the first message carries every finding; a what-if carries no blast radii.
    expect(sizes[0]).toBe(analyze(m0).findings.length);
    expect(sizes[2]!).toBeLessThan(sizes[0]! / 2);
  });

  it('sends no blast radii for a what-if on the same model', () => {
    const encode = createResultEncoder();
    const m = generateModel({ nodes: 60, links: 150 });
    expect(encode(analyze(m), true).message.blast).toBeDefined();
    expect(encode(analyze(m, { loadFactor: 3 }), false).message.blast).toBeUndefined();
  });
});
