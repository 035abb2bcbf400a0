import { useEffect, useState } from 'react';
import { canvas } from '../canvas/controller';
import { ExportDialog } from '../export/ExportDialog';
import { onExportDialog, openExportDialog } from '../export/export-dialog-state';
import type { SaveStatus } from '../state/autosave';
import { useStudio } from '../state/hooks';
import { studio } from '../state/store';
import { Icon, type IconName } from './icons';
import { errorMessage } from '../api';
import { ToolbarExtras } from '../workshop/ToolbarExtras';
import { ImportButton } from '../home/ImportButton';
import { decodeModel } from '../state/codec';

const SAVE_TEXT: Record<SaveStatus, string> = {
  saved: 'All changes saved',
  pending: 'Saving…',
  saving: 'Saving…',
  invalid: 'Not saved: fix the problems shown',
  error: 'Not saved',
};

function ToolButton(p: {
  icon: IconName;
  label: string;
  onClick: () => void;
  disabled?: boolean;
  testid?: string;
  text?: string;
}) {
  return (
    <button
      type="button"
      className={`tool${p.text ? ' tool-text' : ''}`}
      onClick={p.onClick}
      disabled={p.disabled}
      title={p.label}
      aria-label={p.label}
      data-testid={p.testid}
    >
      <Icon name={p.icon} />
      {p.text ? <span>{p.text}</span> : null}
    </button>
  );
}

export function Toolbar({ modelId, name, saveStatus }: { modelId: string; name: string; saveStatus: SaveStatus }) {
  const canUndo = useStudio((s) => s.canUndo);
  const canRedo = useStudio((s) => s.canRedo);
  const undoLabel = useStudio((s) => s.undoLabel);
  const redoLabel = useStudio((s) => s.redoLabel);
  const selectedNodes = useStudio((s) => {
    let n = 0;
    for (const id of s.selection) if (s.model && id in s.model.nodes) n++;
    return n;
  });
  const [busy, setBusy] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [layoutError, setLayoutError] = useState<string | null>(null);
  useEffect(() => canvas.onLayoutBusy(setBusy), []);
  useEffect(() => onExportDialog(setExportOpen), []);

  const layout = (p: Promise<unknown>) => {
    setLayoutError(null);
    p.catch((e) => setLayoutError(errorMessage(e)));
  };

  return (
    <header className="toolbar">
      <div className="toolbar-left">
        <a className="brand" href="#/" title="All models" data-testid="nav-home">
          <span className="brand-mark" aria-hidden="true" />
          Keel
        </a>
        <span className="toolbar-sep" />
        <span className="model-name" data-testid="model-name">
          {name}
        </span>
        <span className={`save-status is-${saveStatus}`} data-testid="save-status" data-status={saveStatus}>
          {SAVE_TEXT[saveStatus]}
        </span>
      </div>
      <div className="toolbar-center">
        <ToolButton
          icon="undo"
          label={canUndo ? `Undo ${undoLabel ?? ''} (Ctrl+Z)` : 'Undo'}
          onClick={() => studio.undo()}
          disabled={!canUndo}
          testid="undo"
        />
        <ToolButton
          icon="redo"
          label={canRedo ? `Redo ${redoLabel ?? ''} (Ctrl+Shift+Z)` : 'Redo'}
          onClick={() => studio.redo()}
          disabled={!canRedo}
          testid="redo"
        />
        <span className="toolbar-sep" />
        <ToolButton
          icon="layout"
          text="Layout"
          label="Lay out everything (L)"
          onClick={() => layout(canvas.layout({ kind: 'all' }))}
          disabled={busy}
          testid="layout-all"
        />
        <ToolButton
          icon="layout"
          label="Lay out the selected nodes"
          text="Selection"
          onClick={() =>
            layout(
              canvas.layout({
                kind: 'selection',
                ids: [...studio.getState().selection].filter((id) => id in studio.model.nodes),
              }),
            )
          }
          disabled={busy || selectedNodes < 2}
          testid="layout-selection"
        />
        <ToolButton
          icon="place"
          text="Place new"
          label="Place nodes that have no position, keep every other"
          onClick={() => layout(canvas.layout({ kind: 'place-new' }))}
          disabled={busy}
          testid="layout-place-new"
        />
        <span className="toolbar-sep" />
        {selectedNodes >= 2 ? (
          <div className="tool-group" data-testid="arrange">
            <ToolButton
              icon="alignLeft"
              label="Align left"
              onClick={() => canvas.align('left')}
              disabled={selectedNodes < 2}
              testid="align-left"
            />
            <ToolButton
              icon="alignCenter"
              label="Align centres"
              onClick={() => canvas.align('center')}
              disabled={selectedNodes < 2}
            />
            <ToolButton
              icon="alignRight"
              label="Align right"
              onClick={() => canvas.align('right')}
              disabled={selectedNodes < 2}
            />
            <ToolButton
              icon="alignTop"
              label="Align top"
              onClick={() => canvas.align('top')}
              disabled={selectedNodes < 2}
              testid="align-top"
            />
            <ToolButton
              icon="alignMiddle"
              label="Align middles"
              onClick={() => canvas.align('middle')}
              disabled={selectedNodes < 2}
            />
            <ToolButton
              icon="alignBottom"
              label="Align bottom"
              onClick={() => canvas.align('bottom')}
              disabled={selectedNodes < 2}
            />
            <ToolButton
              icon="distH"
              label="Distribute horizontally"
              onClick={() => canvas.distribute('horizontal')}
              disabled={selectedNodes < 3}
            />
            <ToolButton
              icon="distV"
              label="Distribute vertically"
              onClick={() => canvas.distribute('vertical')}
              disabled={selectedNodes < 3}
            />
          </div>
        ) : null}
        {selectedNodes >= 2 ? <span className="toolbar-sep" /> : null}
        <ToolButton icon="zoomOut" label="Zoom out" onClick={() => canvas.zoomOut()} testid="zoom-out" />
        <ToolButton icon="zoomIn" label="Zoom in" onClick={() => canvas.zoomIn()} testid="zoom-in" />
        <ToolButton icon="fit" label="Fit to screen (F)" onClick={() => canvas.fit()} testid="fit" />
        {layoutError ? <span className="toolbar-error">{layoutError}</span> : null}
      </div>
      <div className="toolbar-right">
        <ToolbarExtras />
        <ImportButton
          into={modelId}
          label="Import"
          className="btn btn-ghost"
          onImported={(opened) => {
            const { model } = decodeModel(opened.yaml);
            if (model) studio.load(model);
          }}
        />
        <button type="button" className="btn btn-primary" onClick={openExportDialog} data-testid="export-open">
          <Icon name="export" />
          Export
        </button>
      </div>
      {exportOpen ? <ExportDialog modelId={modelId} onClose={() => setExportOpen(false)} /> : null}
    </header>
  );
}
