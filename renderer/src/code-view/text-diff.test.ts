import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textChanges, type TextChange } from './text-diff';

/** Applies changes given in positions of the original text (as CodeMirror does). */
function apply(text: string, changes: TextChange[]): string {
  let out = '';
  let at = 0;
  for (const c of changes) {
    expect(c.from).toBeGreaterThanOrEqual(at);
    out += text.slice(at, c.from) + c.insert;
    at = c.to;
  }
  return out + text.slice(at);
}

describe('textChanges', () => {
  it('returns nothing for equal texts', () => {
    expect(textChanges('a: 1\n', 'a: 1\n')).toEqual([]);
  });

  it('changes only the characters that differ', () => {
    const a = 'nodes:\n  api:\n    replicas: 2 # keep me\n';
    const b = 'nodes:\n  api:\n    replicas: 3 # keep me\n';
    expect(textChanges(a, b)).toEqual([{ from: a.indexOf('2'), to: a.indexOf('2') + 1, insert: '3' }]);
  });

  it('keeps two distant edits apart so the text between them is untouched', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line${i}: ${i}`);
    const a = lines.join('\n') + '\n';
    const next = [...lines];
    next[3] = 'line3: changed';
    next[45] = 'line45: changed';
    const b = next.join('\n') + '\n';
    const changes = textChanges(a, b);
    expect(changes).toHaveLength(2);
    expect(apply(a, changes)).toBe(b);
    expect(changes[1]!.from).toBeGreaterThan(a.indexOf('line40'));
  });

  it('handles inserted and removed lines at the start, middle and end', () => {
    const a = 'a\nb\nc';
    for (const b of ['x\na\nb\nc', 'a\nb', 'a\nb\nc\nd', 'b\nc', 'a\nc', '', 'a\nb\nc\n']) {
      expect(apply(a, textChanges(a, b))).toBe(b);
    }
  });

  it('turns any text into any other (property)', () => {
    const line = fc.constantFrom('a', 'b', 'c: 1', '  d: 2', '', '# note');
    const text = fc.array(line, { maxLength: 12 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(apply(a, textChanges(a, b))).toBe(b);
      }),
      { numRuns: 400 },
    );
  });
});
