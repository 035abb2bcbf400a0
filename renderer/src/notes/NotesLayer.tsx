/**
 * Sticky notes on the canvas, in flow coordinates (React Flow's viewport
 * portal pans and zooms them with the drawing). They are not React Flow
 * nodes: they take no part in layout, links or selection of the system.
 * Drag by the top strip, double-click to edit, Escape or a click outside ends.
 */
import { useStore, ViewportPortal } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import { useStudio } from '../state/hooks';
import { studio } from '../state/store';
import { deleteNote, moveNote, nextColor, NOTE_COLORS, NOTE_WIDTH, setNoteColor, setNoteText, type Note } from './commands';
import { noteEditing } from './note-editing';
import './notes.css';

let dragSeq = 0;

export function NotesLayer() {
  const notes = useStudio((s) => s.model?.notes);
  const nodes = useStudio((s) => s.model?.nodes);
  if (!notes?.length) return null;
  return (
    <ViewportPortal>
      {notes.map((n) => (
        <StickyNote key={n.id} note={n} about={n.node ? (nodes?.[n.node]?.name ?? n.node) : undefined} />
      ))}
    </ViewportPortal>
  );
}

const StickyNote = memo(function StickyNote({ note, about }: { note: Note; about: string | undefined }) {
  const zoom = useStore((s) => s.transform[2]);
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;
  const [editing, setEditing] = useState(() => noteEditing.take(note.id));
  const [draft, setDraft] = useState(note.text);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (editing) {
      area.current?.focus();
      area.current?.select();
    }
  }, [editing]);

  const commit = () => {
    setEditing(false);
    const text = draft.trim() ? draft : note.text;
    studio.edit(setNoteText(note.id, text), { label: 'Edit note' });
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || editing) return;
    if ((e.target as HTMLElement).closest('button')) return;
    e.stopPropagation();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const start = { x: e.clientX, y: e.clientY, nx: note.x, ny: note.y };
    const key = `note-drag:${++dragSeq}`;
    const move = (ev: PointerEvent) => {
      const z = zoomRef.current || 1;
      studio.edit(moveNote(note.id, start.nx + (ev.clientX - start.x) / z, start.ny + (ev.clientY - start.y) / z), {
        label: 'Move note',
        coalesce: key,
      });
    };
    const up = () => {
      studio.seal();
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };

  return (
    <div
      className={`sticky-note nodrag nopan nowheel${editing ? ' is-editing' : ''}`}
      style={{ transform: `translate(${note.x}px, ${note.y}px)`, width: NOTE_WIDTH, background: note.color ?? NOTE_COLORS[0] }}
      data-testid="sticky-note"
      data-note-id={note.id}
      onPointerDown={onPointerDown}
      onDoubleClick={(e) => {
        e.stopPropagation();
        setDraft(note.text);
        setEditing(true);
      }}
    >
      <div className="sticky-note-bar">
        {about ? <span className="sticky-note-about" title={`About ${about}`}>{about}</span> : <span />}
        <span className="sticky-note-tools">
          <button
            type="button"
            className="sticky-note-swatch"
            style={{ background: nextColor(note.color) }}
            onClick={() => studio.edit(setNoteColor(note.id, nextColor(note.color)), { label: 'Note colour' })}
            aria-label="Change the note's colour"
            title="Colour"
          />
          <button
            type="button"
            className="sticky-note-delete"
            onClick={() => studio.edit(deleteNote(note.id), { label: 'Delete note' })}
            aria-label="Delete the note"
            title="Delete note"
            data-testid="note-delete"
          >
            ×
          </button>
        </span>
      </div>
      {editing ? (
        <textarea
          ref={area}
          className="sticky-note-input"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
              e.preventDefault();
              commit();
            }
          }}
          rows={Math.max(3, draft.split('\n').length)}
          maxLength={2000}
          aria-label="Note text"
          data-testid="note-input"
        />
      ) : (
        <div className="sticky-note-text" title="Double-click to edit">
          {note.text}
        </div>
      )}
    </div>
  );
});
