/** Sticky-note commands: pure recipes over the model's `notes` list (undo comes from the store). */
import type { Model } from '../../../shared/model/types';
import type { Recipe } from '../state/store';

export type Note = NonNullable<Model['notes']>[number];

export const NOTE_COLORS = ['#fff3b0', '#d9f2d0', '#d6e6ff', '#ffd9e0'] as const;
export const NOTE_WIDTH = 200;
const MAX_TEXT = 2000;

export function newNoteId(model: Model): string {
  const taken = new Set((model.notes ?? []).map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`note-${i}`)) return `note-${i}`;
}

export const addNote =
  (note: Note): Recipe =>
  (m) => {
    (m.notes ??= []).push({ ...note, x: Math.round(note.x), y: Math.round(note.y) });
  };

export const moveNote =
  (id: string, x: number, y: number): Recipe =>
  (m) => {
    const n = m.notes?.find((n) => n.id === id);
    if (!n) return;
    const rx = Math.round(x);
    const ry = Math.round(y);
    if (n.x !== rx) n.x = rx;
    if (n.y !== ry) n.y = ry;
  };

export const setNoteText =
  (id: string, text: string): Recipe =>
  (m) => {
    const n = m.notes?.find((n) => n.id === id);
    const t = text.slice(0, MAX_TEXT);
    if (n && n.text !== t) n.text = t;
  };

export const setNoteColor =
  (id: string, color: string | undefined): Recipe =>
  (m) => {
    const n = m.notes?.find((n) => n.id === id);
    if (!n) return;
    if (color === undefined || color === NOTE_COLORS[0]) delete n.color;
    else n.color = color;
  };

export const deleteNote =
  (id: string): Recipe =>
  (m) => {
    if (!m.notes) return;
    const i = m.notes.findIndex((n) => n.id === id);
    if (i >= 0) m.notes.splice(i, 1);
    if (m.notes.length === 0) delete m.notes;
  };

/** The colour after this one (a click on the swatch cycles through the palette). */
export function nextColor(color: string | undefined): string {
  const i = NOTE_COLORS.indexOf((color ?? NOTE_COLORS[0]) as (typeof NOTE_COLORS)[number]);
  return NOTE_COLORS[(i + 1) % NOTE_COLORS.length]!;
}
