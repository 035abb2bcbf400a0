/** A note just added opens in edit mode: the adder marks it here, the note takes the mark when it mounts. */
const pending = new Set<string>();

export const noteEditing = {
  mark(id: string): void {
    pending.add(id);
  },
  take(id: string): boolean {
    return pending.delete(id);
  },
};
