/**
 * What a template holds, before it is chosen: a miniature of the diagram it
 * makes, laid out by the studio's layout worker as the canvas will lay it out.
 */
import { useEffect, useState } from 'react';
import type { Model } from '../../../shared/model/types';
import { layoutInWorker } from '../../layout/layout-client';
import type { Placement } from '../../layout/protocol';
import { api } from '../api';
import { decodeModel } from '../state/codec';
import { MiniDiagram } from './MiniDiagram';
import './template-preview.css';

interface Preview {
  model: Model;
  layout: Placement;
}

const cache = new Map<string, Preview | null>();
/** One preview layout at a time: the layout worker keeps only the latest waiting request. */
let queue: Promise<unknown> = Promise.resolve();

function loadPreview(id: string): Promise<Preview | null> {
  const run = queue.then(async () => {
    const t = await api['templates.get']({ id });
    const model = decodeModel(t.yaml).model;
    if (!model) return null;
    return { model, layout: await layoutInWorker(model) };
  });
  queue = run.catch(() => undefined);
  return run.catch(() => null);
}

export function TemplatePreview({ id, name }: { id: string; name?: string }) {
  const [preview, setPreview] = useState<Preview | null | undefined>(cache.get(id));
  useEffect(() => {
    if (cache.has(id)) return;
    let alive = true;
    void loadPreview(id).then((p) => {
      cache.set(id, p);
      if (alive) setPreview(p);
    });
    return () => {
      alive = false;
    };
  }, [id]);
  if (preview === undefined) return <div className="template-preview is-loading" aria-hidden="true" />;
  if (preview === null) return <div className="template-preview is-empty">No preview</div>;
  return (
    <div className="template-preview" data-testid={`template-preview-${id}`}>
      <MiniDiagram model={preview.model} layout={preview.layout} title={`Diagram of ${name ?? preview.model.name}`} />
    </div>
  );
}
