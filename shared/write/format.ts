/**
 * `keel fmt`: a hand-written model file in canonical form, comments kept.
 *
 * The file's yaml Document is canonicalised in place, so every comment stays
 * attached to the key or list item it was written at: the pairs of each
 * mapping take the canonical key order (a key's comments travel with it),
 * collections take the flow or block style `writeModel` gives them, scalars
 * lose their source quoting, tags and anchors (aliases are expanded), and the
 * library writes the Document back with scalars rendered by `writeModel`'s own
 * rules. Without comments or blank lines the result is exactly
 * `writeModel(model)`.
 *
 * What moves (docs/editor-support.md has the table for users):
 * - Comments above the first key of the file stay at the top of the file.
 * - A comment on a key's line whose value starts on the next line
 *   (`api: # the gateway`) stays on the key's line; for a scalar value the
 *   value moves up beside it (`name: Shop # the name`).
 * - A comment between a key and its scalar value goes above the key.
 * - A comment above a list item's first key goes above the item's dash.
 * - A collection with comments inside, or a block one with a comment below
 *   it, is written in block style even where the canonical form would use
 *   flow style (a comment cannot live inside `{ ... }` on one line).
 * - A comment after a list written without indentation belongs to the next key.
 * - Single blank lines between entries are kept; runs of blank lines become one.
 */
import {
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type ScalarTag,
  type Tags,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { ModelSchema } from '../model/schema';
import { childSchema, type AnySchema } from '../parse/schema-walk';
import { keyRanks, orderedKeys } from './order';
import { inlineScalar, keyText, literalBlock } from './scalars';
import { TO_STRING } from './update';
import { isFlowStyle } from './write';

type Obj = Record<string, unknown>;
type Collection = YAMLMap | YAMLSeq;
type StringifyContext = Parameters<NonNullable<ScalarTag['stringify']>>[1];

const STR_TAG = 'tag:yaml.org,2002:str';

/** Strings as `writeModel` writes them: keys, flow items, literal blocks, plain or double-quoted. */
const canonicalString: ScalarTag['stringify'] = (item, ctx, onComment, onChompKeep) => {
  const s = String((item as Scalar).value);
  if (ctx.implicitKey) return keyText(s, !!ctx.inFlow);
  if (ctx.inFlow || !s.includes('\n')) return inlineScalar(s, !!ctx.inFlow);
  const block = literalBlock(s, ctx.indent);
  if (block === undefined) return inlineScalar(s, false);
  if (block.startsWith('|+')) onChompKeep?.();
  const comment = (item as Scalar).comment;
  if (!comment) return block;
  // A comment after a block scalar's header stays on the header line (after the body it would be text).
  onComment?.();
  const nl = block.indexOf('\n');
  return `${block.slice(0, nl)} ${commentText(ctx, comment.replace(/ ?[\r\n]+/g, ' '))}${block.slice(nl)}`;
};

function commentText(ctx: StringifyContext, comment: string): string {
  return ctx.options.commentString ? ctx.options.commentString(comment) : `#${comment}`;
}

const canonicalTags = (tags: Tags): Tags =>
  tags.map((t) => (typeof t === 'object' && 'tag' in t && t.tag === STR_TAG && !('collection' in t) ? { ...t, stringify: canonicalString } : t));

export class FormatError extends Error {}

/**
 * The canonical form of a model file's text, with its comments. The text must
 * hold a readable model (callers validate first); throws FormatError if not.
 */
export function formatModelText(text: string): string {
  const doc = parseDocument(text, { uniqueKeys: true, stringKeys: true, customTags: canonicalTags });
  if (doc.errors.length > 0) throw new FormatError(doc.errors[0]!.message);
  if (!isMap(doc.contents)) throw new FormatError('a model must be a YAML mapping');
  expandAliases(doc);
  const root = doc.contents;
  new CommentPlacer(text, doc).root(root);
  const value = doc.toJS() as Obj;
  sortPairs(root, value, ModelSchema);
  canonicalMap(root, value, ModelSchema, 0);
  root.flow = false;
  if (doc.commentBefore) doc.commentBefore = tidyComment(doc.commentBefore);
  if (doc.comment) doc.comment = tidyComment(doc.comment);
  doc.directives.docEnd = false; // no `...` (directives: false below drops `%YAML` and `---`)
  return doc.toString({ ...TO_STRING, directives: false });
}

/** Replaces every alias by a copy of its anchored node (comments belong to the anchor's place, so the copy has none). */
function expandAliases(doc: Document.Parsed): void {
  visit(doc, {
    Alias(_, alias) {
      const target = alias.resolve(doc);
      if (!target) throw new FormatError(`unknown alias *${alias.source}`);
      const copy = target.clone() as Node;
      visit(copy, {
        Node(_k, n) {
          n.comment = undefined;
          n.commentBefore = undefined;
          n.spaceBefore = false;
          n.anchor = undefined;
        },
      });
      // The alias's comment was on its line, where a flow collection's comment sits.
      if (alias.comment && (isMap(copy) || isSeq(copy))) copy.flow = true;
      copy.comment = alias.comment;
      copy.commentBefore = alias.commentBefore;
      copy.spaceBefore = alias.spaceBefore;
      return copy;
    },
  });
}

const join = (...parts: (string | null | undefined)[]): string | undefined => {
  const kept = parts.filter((p): p is string => !!p);
  return kept.length > 0 ? kept.join('\n') : undefined;
};

/** At most one blank line in a row inside a comment block. */
const tidyComment = (c: string): string => c.replace(/\n{3,}/g, '\n\n');

/**
 * Moves the comments yaml attaches to places the canonical layout rewrites
 * (the start of a collection, the gap between a key and its value) to where
 * they are read as the author meant them. Runs before keys are reordered.
 */
class CommentPlacer {
  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {}

  root(map: YAMLMap): void {
    // Comments above the file's first key are its header: they stay at the top, whichever key comes first.
    const first = map.items[0];
    if (first && isNode(first.key) && first.key.commentBefore) {
      map.commentBefore = join(map.commentBefore, first.key.commentBefore);
      first.key.commentBefore = undefined;
    }
    if (map.commentBefore) map.commentBefore = tidyComment(map.commentBefore);
    this.map(map);
  }

  private map(map: YAMLMap): void {
    const pairs = map.items as Pair<Node, Node | null>[];
    pairs.forEach((pair, i) => {
      // A list written without indentation (`key:` above `- item` at the same column) ends where the next key
      // starts; yaml counts the comments between them as the list's, but they are the next key's.
      const value = pair.value;
      const next = pairs[i + 1]?.key;
      if (isSeq(value) && !value.flow && value.comment && isNode(next) && this.column(value) !== undefined && this.column(value) === this.column(pair.key)) {
        next.commentBefore = join(value.comment, next.commentBefore);
        value.comment = undefined;
      }
    });
    for (const pair of pairs) {
      if (!isNode(pair.value)) pair.value = this.doc.createNode(pair.value ?? null) as Node;
      const key = pair.key;
      const value = pair.value;
      if (isNode(key)) this.tidy(key);
      this.tidy(value);
      value.spaceBefore = false;
      if (!value.commentBefore || !isNode(key)) {
        this.into(value);
        continue;
      }
      const [onKeyLine, rest] = this.splitKeyLine(key, value.commentBefore);
      value.commentBefore = undefined;
      if (isScalar(value)) {
        // The value moves up to its key's line; a comment from that line goes with it.
        if (onKeyLine && !value.comment) value.comment = onKeyLine;
        else key.commentBefore = join(key.commentBefore, onKeyLine);
        key.commentBefore = join(key.commentBefore, rest);
      } else if (isMap(value) || isSeq(value)) {
        if (onKeyLine) key.comment = join(key.comment, onKeyLine);
        const head = value.items[0];
        const headNode = isPair(head) ? (isNode(head.key) ? head.key : undefined) : isNode(head) ? head : undefined;
        if (headNode) headNode.commentBefore = join(rest, headNode.commentBefore);
        else key.commentBefore = join(key.commentBefore, rest);
      }
      this.into(value);
    }
  }

  private into(node: Node): void {
    if (isMap(node)) this.map(node);
    else if (isSeq(node)) {
      for (const item of node.items) {
        if (isNode(item)) {
          this.tidy(item);
          this.into(item);
        }
      }
    }
  }

  private column(node: unknown): number | undefined {
    const start = isNode(node) ? node.range?.[0] : undefined;
    return start === undefined ? undefined : start - this.text.lastIndexOf('\n', start - 1) - 1;
  }

  private tidy(node: Node): void {
    if (node.commentBefore) node.commentBefore = tidyComment(node.commentBefore);
    if (node.comment) node.comment = tidyComment(node.comment);
  }

  /** Splits off the first line of `comment` when it was written on the key's own line (`key: # ...`). */
  private splitKeyLine(key: Node, comment: string): [string | undefined, string | undefined] {
    const end = key.range?.[1];
    if (end === undefined) return [undefined, comment];
    const eol = this.text.indexOf('\n', end);
    const rest = this.text.slice(end, eol < 0 ? undefined : eol);
    if (!/^[^#]*:[^#]*?\s#/.test(rest) && !/^\s*:#/.test(rest)) return [undefined, comment];
    const nl = comment.indexOf('\n');
    return nl < 0 ? [comment, undefined] : [comment.slice(0, nl), comment.slice(nl + 1) || undefined];
  }
}

/** Plain scalars, as the canonical writer decides them: no source form, tag, anchor or number format. */
function resetScalar(node: Node): void {
  node.tag = undefined;
  node.anchor = undefined;
  if (isScalar(node)) {
    node.type = undefined;
    delete node.format;
    delete node.minFractionDigits;
    delete node.source;
  }
}

/**
 * Whether a collection holds comments that one flow line could not carry. A
 * comment after a block collection (often a commented-out entry) stays on its
 * own line below it, so that collection stays in block style too.
 */
function hasInnerComments(node: Collection, keyComment: boolean): boolean {
  if (keyComment || (node.comment && (!node.flow || node.comment.includes('\n')))) return true;
  const commented = (n: unknown) => isNode(n) && (!!n.commentBefore || !!n.comment);
  for (const item of node.items) {
    if (isPair(item) ? commented(item.key) || commented(item.value) : commented(item)) return true;
  }
  return false;
}

/** The map's pairs in canonical key order (a key's comments travel with its pair). */
function sortPairs(map: YAMLMap, value: Obj, schema: AnySchema | undefined): void {
  const order = orderedKeys(value, keyRanks(schema, value));
  const items = map.items as Pair<Node, Node>[];
  if (items.some((p, i) => keyOf(p) !== order[i])) {
    const pos = new Map(order.map((k, i) => [k, i]));
    items.sort((a, b) => pos.get(keyOf(a))! - pos.get(keyOf(b))!);
  }
}

const keyOf = (p: Pair): string => String(isScalar(p.key) ? p.key.value : p.key);

/** `indent`: the column of the map's keys. The pairs are already sorted. */
function canonicalMap(map: YAMLMap, value: Obj, schema: AnySchema | undefined, indent: number): void {
  resetScalar(map);
  (map.items as Pair<Node, Node>[]).forEach((pair, i) => {
    const k = keyOf(pair);
    resetScalar(pair.key);
    if (i === 0) pair.key.spaceBefore = false;
    const column = indent + keyText(k).length + 2;
    const v = pair.value!; // CommentPlacer gave every pair a value node
    const wasFlow = (isMap(v) || isSeq(v)) && !!v.flow;
    canonicalNode(v, value[k], childSchema(schema, k, value), column, indent + 2, { keyComment: !!pair.key.comment });
    if (wasFlow && !(v as Collection).flow && v.comment && !pair.key.comment) {
      // A flow collection written out as a block: its comment stays on the key's line.
      pair.key.comment = v.comment;
      v.comment = undefined;
    }
  });
}

function canonicalSeq(seq: YAMLSeq, list: unknown[], schema: AnySchema | undefined, indent: number): void {
  resetScalar(seq);
  const itemSchema = childSchema(schema, 0, list);
  (seq.items as Node[]).forEach((item, i) => {
    if (i === 0) item.spaceBefore = false;
    canonicalNode(item, list[i], itemSchema, indent + 2, indent + 2, { item: true });
  });
}

/** `column`: where the value starts (after its key or dash); `indent`: the column of its children. */
function canonicalNode(
  node: Node,
  value: unknown,
  schema: AnySchema | undefined,
  column: number,
  indent: number,
  at: { keyComment?: boolean; item?: boolean },
): void {
  if (!isMap(node) && !isSeq(node)) {
    resetScalar(node);
    return;
  }
  if (isMap(node)) {
    sortPairs(node, value as Obj, schema);
    // Above a list item's first key is above its dash (`- # c` would read back as the item's comment).
    const head = node.items[0];
    if (at.item && head && isNode(head.key) && head.key.commentBefore) {
      node.commentBefore = join(node.commentBefore, head.key.commentBefore);
      head.key.commentBefore = undefined;
    }
  }
  node.flow = isFlowStyle(value, column, schema) && !hasInnerComments(node, !!at.keyComment);
  if (node.flow) {
    for (const item of node.items) {
      if (isPair(item)) {
        if (isNode(item.key)) item.key.spaceBefore = false;
      } else if (isNode(item)) item.spaceBefore = false;
    }
  }
  if (isMap(node)) canonicalMap(node, value as Obj, schema, indent);
  else canonicalSeq(node, value as unknown[], schema, indent);
}
