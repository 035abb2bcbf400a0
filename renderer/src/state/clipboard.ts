/**
 * Copy and paste of model fragments: the selected nodes with their positions,
 * the links among them and the contexts they sit in. Kept in the app (not the
 * system clipboard): it is a structure, and it may travel between models.
 */
import type { Draft } from 'immer';
import { resolveLinks } from '../../../shared/model/defaults';
import type { Context, LayoutPosition, Link, Model, ModelNode } from '../../../shared/model/types';
import { uniqueId } from './commands';
import type { Recipe } from './store';

export interface Fragment {
  nodes: Record<string, ModelNode>;
  layout: Record<string, LayoutPosition>;
  links: Link[];
  contexts: Record<string, Context>;
}

let clipboard: Fragment | null = null;
let pastes = 0;

export function copyFragment(model: Model, ids: Iterable<string>): Fragment | null {
  const nodes: Record<string, ModelNode> = {};
  const layout: Record<string, LayoutPosition> = {};
  const contexts: Record<string, Context> = {};
  for (const id of ids) {
    const n = model.nodes[id];
    if (!n) continue;
    nodes[id] = n;
    const p = model.layout?.[id];
    if (p) layout[id] = p;
    if (n.context && model.contexts?.[n.context]) contexts[n.context] = model.contexts[n.context]!;
  }
  if (Object.keys(nodes).length === 0) return null;
  const links = resolveLinks(model)
    .filter((l) => l.from in nodes && l.to in nodes)
    .map((l) => model.links![l.index]!);
  clipboard = { nodes, layout, links, contexts };
  pastes = 0;
  return clipboard;
}

export function hasClipboard(): boolean {
  return clipboard !== null;
}

/** Returns the recipe and the ids the pasted nodes will get. */
export function pasteRecipe(model: Model): { recipe: Recipe; ids: string[] } | null {
  const frag = clipboard;
  if (!frag) return null;
  pastes++;
  const offset = 32 * pastes;
  const taken = new Set(Object.keys(model.nodes));
  const rename = new Map<string, string>();
  for (const id of Object.keys(frag.nodes)) {
    const stem = id.replace(/-\d+$/, '');
    const next = uniqueId(stem, (x) => taken.has(x));
    taken.add(next);
    rename.set(id, next);
  }
  const recipe: Recipe = (m) => {
    for (const [cid, c] of Object.entries(frag.contexts)) {
      if (!m.contexts?.[cid]) (m.contexts ??= {})[cid] = structuredClone(c);
    }
    for (const [old, id] of rename) {
      const n = structuredClone(frag.nodes[old]!) as Draft<ModelNode>;
      if (n.kind === 'database' && n.owner && rename.has(n.owner)) n.owner = rename.get(n.owner)!;
      if ((n.kind === 'queue' || n.kind === 'topic') && typeof n.deadLetter === 'string' && rename.has(n.deadLetter))
        n.deadLetter = rename.get(n.deadLetter)!;
      m.nodes[id] = n;
      const p = frag.layout[old];
      if (p) (m.layout ??= {})[id] = { ...p, x: p.x + offset, y: p.y + offset };
    }
    for (const l of frag.links) {
      const copy: Link = { ...l, from: rename.get(l.from)!, to: rename.get(l.to)! };
      delete copy.id;
      (m.links ??= []).push(copy);
    }
  };
  return { recipe, ids: [...rename.values()] };
}
