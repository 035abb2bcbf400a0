import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../shared/parse';
import { writeModel } from '../../../shared/write';
import { StudioStore } from '../state/store';
import { addNote, deleteNote, moveNote, newNoteId, nextColor, setNoteColor, setNoteText } from './commands';

const base = () => {
  const r = parseModel('keel: 1\nname: N\nnodes:\n  api:\n    kind: service\n', 'n.keel.yaml');
  return r.model!;
};

describe('note commands', () => {
  it('add, edit, colour, move and delete notes, each undoable, and the result stays a valid model', () => {
    const store = new StudioStore();
    store.load(base());
    const id = newNoteId(store.model);
    expect(id).toBe('note-1');
    store.edit(addNote({ id, text: 'Is the cache needed?', x: 10.4, y: 20.6, node: 'api' }), { label: 'Add note' });
    expect(store.model.notes).toEqual([{ id, text: 'Is the cache needed?', x: 10, y: 21, node: 'api' }]);
    expect(newNoteId(store.model)).toBe('note-2');
    store.edit(setNoteText(id, 'Cache: yes'), { label: 'Edit note' });
    store.edit(setNoteColor(id, nextColor(undefined)), { label: 'Colour' });
    for (let i = 0; i < 5; i++) store.edit(moveNote(id, 100 + i, 50), { label: 'Move note', coalesce: 'note-drag' });
    expect(store.model.notes![0]).toMatchObject({ text: 'Cache: yes', x: 104, y: 50, color: '#d9f2d0' });
    const reparsed = parseModel(writeModel(store.model), 'n.keel.yaml');
    expect(reparsed.problems).toEqual([]);
    expect(reparsed.model!.notes).toEqual(store.model.notes);
    store.undo(); // the whole drag
    expect(store.model.notes![0]).toMatchObject({ x: 10, y: 21 });
    store.edit(deleteNote(id), { label: 'Delete note' });
    expect(store.model.notes).toBeUndefined();
    store.undo();
    expect(store.model.notes).toHaveLength(1);
  });

  it('cycles colours and drops the default one from the file', () => {
    const store = new StudioStore();
    store.load(base());
    store.edit(addNote({ id: 'note-1', text: 'x', x: 0, y: 0 }), { label: 'Add note' });
    let c: string | undefined;
    for (let i = 0; i < 4; i++) {
      c = nextColor(c);
      store.edit(setNoteColor('note-1', c), { label: 'Colour' });
    }
    expect(store.model.notes![0]!.color).toBeUndefined();
  });
});
