/** The toolbar's buttons for the code view, sticky notes, history and workshop mode. */
import { useReactFlow } from '@xyflow/react';
import { useSyncExternalStore } from 'react';
import { codeView } from '../code-view/code-view-state';
import { addNote, newNoteId, NOTE_WIDTH } from '../notes/commands';
import { noteEditing } from '../notes/note-editing';
import { historyPanel } from '../snapshots/panel-state';
import { studio } from '../state/store';
import { workshop } from './workshop-state';

const ICONS = {
  note: 'M5 4h14v10l-5 6H5z M14 20v-6h5',
  code: 'M9 7l-5 5 5 5 M15 7l5 5-5 5',
  history: 'M4 12a8 8 0 1 0 2.5-5.8 M4 4v4h4 M12 8v4l3 2',
  present: 'M3 5h18v11H3z M12 16v4 M8 20h8',
} as const;

function Glyph({ d }: { d: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}

export function ToolbarExtras() {
  const rf = useReactFlow();
  const code = useSyncExternalStore(codeView.subscribe, codeView.get);
  const history = useSyncExternalStore(historyPanel.subscribe, historyPanel.get);

  const note = () => {
    const m = studio.model;
    const el = document.querySelector('.canvas-flow')?.getBoundingClientRect();
    const sel = [...studio.getState().selection].filter((id) => id in m.nodes);
    const about = sel.length === 1 ? sel[0] : undefined;
    const p = about && m.layout?.[about]
      ? { x: m.layout[about]!.x + 110, y: m.layout[about]!.y - 150 }
      : rf.screenToFlowPosition({ x: el ? el.left + el.width / 2 : innerWidth / 2, y: el ? el.top + el.height / 2 : innerHeight / 2 });
    const id = newNoteId(m);
    noteEditing.mark(id);
    studio.edit(addNote({ id, text: 'New note', x: p.x - (about ? 0 : NOTE_WIDTH / 2), y: p.y, ...(about ? { node: about } : {}) }), {
      label: 'Add note',
    });
  };

  return (
    <div className="tool-group toolbar-extras">
      <button type="button" className="tool tool-text" onClick={note} title="Add a sticky note (about the selected node, if one is)" data-testid="add-note">
        <Glyph d={ICONS.note} />
        <span>Note</span>
      </button>
      <button
        type="button"
        className={`tool tool-text${code.open ? ' is-active' : ''}`}
        onClick={() => codeView.toggle()}
        aria-pressed={code.open}
        title="Show the model's YAML beside the canvas"
        data-testid="toggle-code"
      >
        <Glyph d={ICONS.code} />
        <span>Code</span>
      </button>
      <button
        type="button"
        className={`tool tool-text${history ? ' is-active' : ''}`}
        onClick={() => historyPanel.set(!history)}
        aria-pressed={history}
        title="Snapshots, history and compare"
        data-testid="toggle-history"
      >
        <Glyph d={ICONS.history} />
        <span>History</span>
      </button>
      <button type="button" className="tool tool-text" onClick={() => workshop.set(true)} title="Present: full screen, step through the views" data-testid="workshop-start">
        <Glyph d={ICONS.present} />
        <span>Present</span>
      </button>
    </div>
  );
}
