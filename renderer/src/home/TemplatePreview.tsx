/** What a template holds, before it is chosen: its nodes by kind, and how they connect. */
import { useEffect, useState } from 'react';
import type { NodeKind } from '../../../shared/model/schema';
import type { Model } from '../../../shared/model/types';
import { api } from '../api';
import { KindIcon } from '../canvas/KindIcon';
import { KIND_LOOK, PALETTE_KINDS } from '../canvas/kinds';
import { decodeModel } from '../state/codec';

const cache = new Map<string, Model | null>();

export function TemplatePreview({ id }: { id: string }) {
  const [model, setModel] = useState<Model | null | undefined>(cache.get(id));
  useEffect(() => {
    if (cache.has(id)) return;
    let alive = true;
    api['templates.get']({ id })
      .then((t) => decodeModel(t.yaml).model ?? null)
      .catch(() => null)
      .then((m) => {
        cache.set(id, m);
        if (alive) setModel(m);
      });
    return () => {
      alive = false;
    };
  }, [id]);
  if (model === undefined) return <div className="template-preview is-loading" />;
  if (model === null) return <div className="template-preview">No preview</div>;
  const byKind = new Map<NodeKind, string[]>();
  for (const [nid, n] of Object.entries(model.nodes))
    byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n.name ?? nid]);
  return (
    <div className="template-preview" data-testid={`template-preview-${id}`}>
      {PALETTE_KINDS.filter((k) => byKind.has(k)).map((k) => (
        <div key={k} className="template-kind" style={{ '--kind': KIND_LOOK[k].color } as React.CSSProperties}>
          <span className="palette-chip">
            <KindIcon kind={k} size={14} />
          </span>
          <span className="template-kind-names">{byKind.get(k)!.join(', ')}</span>
        </div>
      ))}
    </div>
  );
}
