/**
 * Applying a model parsed from the code view to the store as the smallest
 * edit: only the parts that differ are written into the draft, so immer
 * records small patches (cheap undo) and every unchanged node keeps its
 * identity (the canvas re-derives one node, not a thousand).
 */
import type { Draft } from 'immer';
import { deepEqual } from '../../../shared/write';
import type { Model } from '../../../shared/model/types';
import type { Recipe } from '../state/store';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A recipe that turns `base` (the store's current model) into `next`. */
export function replaceModel(base: Model, next: Model): Recipe {
  return (draft: Draft<Model>) => {
    sync(draft as unknown as Obj, base as unknown as Obj, next as unknown as Obj);
  };
}

/** Writes into `draft` (a draft of `base`) what differs between `base` and `next`. */
function sync(draft: Obj | unknown[], base: Obj | unknown[], next: Obj | unknown[]): void {
  if (Array.isArray(base) && Array.isArray(next) && Array.isArray(draft)) {
    if (base.length !== next.length) {
      draft.length = 0;
      draft.push(...next);
      return;
    }
    for (let i = 0; i < next.length; i++) setChild(draft as unknown as Obj, String(i), base[i], next[i]);
    return;
  }
  const d = draft as Obj;
  const b = base as Obj;
  const n = next as Obj;
  for (const key of Object.keys(b)) if (!(key in n)) delete d[key];
  for (const key of Object.keys(n)) setChild(d, key, b[key], n[key]);
}

function setChild(draft: Obj, key: string, before: unknown, after: unknown): void {
  if (before === after || deepEqual(before, after)) return;
  const bothObjects = isObj(before) && isObj(after);
  const bothArrays = Array.isArray(before) && Array.isArray(after) && before.length === after.length;
  if (bothObjects || bothArrays) sync(draft[key] as Obj, before as Obj, after as Obj);
  else draft[key] = after;
}
