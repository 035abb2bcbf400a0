/**
 * The canvas's right-click menu on a node: what-if actions. It listens on the
 * document (React Flow marks each node's wrapper with data-id), so the canvas
 * needs no wiring for it.
 */
import { useEffect, useState } from 'react';
import { studio } from '../state/store';
import { analysisStore } from './analysis-store';
import { useAnalysis } from './hooks';

interface Open {
  id: string;
  x: number;
  y: number;
}

export function NodeMenu() {
  const [open, setOpen] = useState<Open | null>(null);
  const failed = useAnalysis((s) => s.whatIf.failed);

  useEffect(() => {
    const onMenu = (e: MouseEvent) => {
      const el = (e.target as Element | null)?.closest?.('.react-flow__node-kind');
      const id = el?.getAttribute('data-id');
      if (!id || !studio.getState().model?.nodes[id]) return;
      e.preventDefault();
      setOpen({ id, x: e.clientX, y: e.clientY });
    };
    document.addEventListener('contextmenu', onMenu);
    return () => document.removeEventListener('contextmenu', onMenu);
  }, []);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e.type === 'pointerdown' && (e.target as Element | null)?.closest?.('.node-menu')) return;
      setOpen(null);
    };
    document.addEventListener('pointerdown', close, true);
    document.addEventListener('keydown', close, true);
    window.addEventListener('blur', close);
    return () => {
      document.removeEventListener('pointerdown', close, true);
      document.removeEventListener('keydown', close, true);
      window.removeEventListener('blur', close);
    };
  }, [open]);

  if (!open) return null;
  const isFailed = failed.includes(open.id);
  const name = studio.getState().model?.nodes[open.id]?.name ?? open.id;
  const act = (fn: () => void) => () => {
    fn();
    setOpen(null);
  };
  return (
    <div
      className="node-menu"
      role="menu"
      style={{ left: open.x, top: open.y }}
      data-testid="node-menu"
      onContextMenu={(e) => e.preventDefault()}
    >
      <div className="node-menu-title">{name}</div>
      <button
        type="button"
        role="menuitem"
        className="node-menu-item"
        onClick={act(() => analysisStore.toggleFailed(open.id))}
        data-testid="menu-fail-node"
      >
        {isFailed ? 'Bring this node back' : 'Fail this node (what-if)'}
      </button>
      <button type="button" role="menuitem" className="node-menu-item" onClick={act(() => studio.select([open.id]))}>
        Select and inspect
      </button>
    </div>
  );
}
