/**
 * Maps model paths (['nodes', 'orders', 'replicas']) back to positions in the
 * YAML text: the value node, or the key node for key problems, or the
 * nearest existing ancestor when the path does not exist in the text.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { ModelPath, Position } from './types';

export class Locator {
  private readonly pairs = new WeakMap<object, Map<string, Pair>>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Position of the value at `path` (or of its key when `key` is set). */
  locate(path: ModelPath, key = false): Position {
    let node: unknown = this.doc.contents;
    let best: unknown = node;
    for (let i = 0; i < path.length; i++) {
      if (isAlias(node)) node = node.resolve(this.doc);
      const seg = path[i]!;
      let next: unknown;
      if (isMap(node)) {
        const pair = this.pairOf(node, String(seg));
        if (pair && key && i === path.length - 1) return this.position(pair.key);
        next = pair?.value ?? (pair ? pair.key : undefined);
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
      }
      if (next === undefined || next === null) break;
      node = next;
      best = next;
    }
    return this.position(best);
  }

  position(node: unknown): Position {
    const range = (node as Node | null)?.range;
    if (!range) return { line: 1, col: 1 };
    return this.lines.linePos(range[0]);
  }

  private pairOf(map: { items: unknown[] }, key: string): Pair | undefined {
    let index = this.pairs.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        if (!isPair(item)) continue;
        const k = isScalar(item.key) ? String(item.key.value) : String(item.key);
        if (!index.has(k)) index.set(k, item as Pair);
      }
      this.pairs.set(map, index);
    }
    return index.get(key);
  }
}
