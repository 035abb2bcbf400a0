/**
 * Turns zod issues into messages a person can act on: the offending key or
 * value, what was expected, and a "did you mean" when there is a near miss.
 */
import type { z } from 'zod';
import { NODE_KINDS } from '../model/schema';
import { objectKeys, schemaAt, valueAt } from './schema-walk';
import { didYouMean, quote } from './suggest';

export type IssuePath = (string | number)[];

export interface Issue {
  path: IssuePath;
  message: string;
  /** The issue concerns the key at `path` (an unknown or invalid key), not its value. */
  key?: boolean;
}

type ZodIssue = z.core.$ZodIssue;

/** zod's own messages start like this; anything else was written in schema.ts for people. */
const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized)/;

export function fromZodIssue(issue: ZodIssue, root: unknown): Issue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const custom = !DEFAULT_MESSAGE.test(issue.message);
  const input = 'input' in issue ? issue.input : valueAt(path, root);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], key: true, message: unknownKey(path, key, root) }));
    case 'invalid_key': {
      const inner = issue.issues[0]?.message ?? 'invalid';
      return [{ path, key: true, message: `invalid key ${quote(path[path.length - 1])}: ${inner}` }];
    }
    case 'invalid_union':
      return invalidUnion(issue, path, root);
    case 'invalid_type':
      if (input === undefined) return [{ path, message: `missing required key '${String(path[path.length - 1])}'` }];
      if (custom) return [{ path, message: issue.message }];
      return [{ path, message: `must be ${article(issue.expected)} (found ${describe(input)})` }];
    case 'invalid_value': {
      if (custom) return [{ path, message: issue.message }];
      const values = issue.values.map((v) => String(v));
      if (values.length === 1) return [{ path, message: `must be ${JSON.stringify(issue.values[0])}` }];
      const hint = typeof input === 'string' ? didYouMean(input, values) : '';
      return [{ path, message: `${quote(input)} is not allowed${hint}; use one of: ${values.join(', ')}` }];
    }
    case 'too_small':
    case 'too_big':
      return [{ path, message: custom ? issue.message : bound(issue) }];
    default:
      return [{ path, message: issue.message }];
  }
}

function unknownKey(path: IssuePath, key: string, root: unknown): string {
  const container = valueAt(path, root);
  const allowed = objectKeys(schemaAt(path, root), container) ?? [];
  const hint = didYouMean(key, allowed);
  if (hint) return `unknown key ${quote(key)}${hint}`;
  // A field that belongs to another kind of node: say so rather than list everything.
  if (path.length === 2 && path[0] === 'nodes' && container && typeof container === 'object') {
    const kind = (container as { kind?: unknown }).kind;
    const owners = NODE_KINDS.filter((k) => objectKeys(schemaAt(['nodes', 'x'], { nodes: { x: { kind: k } } }), { kind: k })?.includes(key));
    if (owners.length > 0) return `unknown key ${quote(key)}: a ${String(kind)} node has no '${key}' (${owners.join(', ')} nodes do)`;
  }
  return allowed.length > 0 && allowed.length <= 24
    ? `unknown key ${quote(key)}; allowed here: ${allowed.join(', ')}`
    : `unknown key ${quote(key)}`;
}

function invalidUnion(issue: Extract<ZodIssue, { code: 'invalid_union' }>, path: IssuePath, root: unknown): Issue[] {
  const input = valueAt(path, root);
  if ('discriminator' in issue && issue.discriminator) {
    const kinds = ((issue as { options?: readonly unknown[] }).options ?? NODE_KINDS) as readonly unknown[];
    const list = kinds.map(String).join(', ');
    if (input === undefined) return [{ path, message: `missing required key '${issue.discriminator}'; valid kinds: ${list}` }];
    const hint = typeof input === 'string' ? didYouMean(input, kinds.map(String)) : '';
    return [{ path, message: `unknown ${issue.discriminator} ${quote(input)}${hint}; valid kinds: ${list}` }];
  }
  // A branch whose complaints are below the top level matched the input's
  // type: its issues are the useful ones.
  const typed = issue.errors.filter((errs) => errs.length > 0 && errs.every((e) => e.path.length > 0 || (e.code !== 'invalid_type' && e.code !== 'invalid_value')));
  if (typed.length === 1) {
    return typed[0]!.flatMap((e) => fromZodIssue({ ...e, path: [...path, ...e.path] } as ZodIssue, root));
  }
  if (!DEFAULT_MESSAGE.test(issue.message)) return [{ path, message: `${issue.message} (found ${describe(input)})` }];
  const expected = issue.errors.flatMap((errs) =>
    errs
      .filter((e) => e.path.length === 0)
      .map((e) => (e.code === 'invalid_type' ? article(e.expected) : e.code === 'invalid_value' ? e.values.map((v) => JSON.stringify(v)).join(' or ') : e.message)),
  );
  const unique = [...new Set(expected)];
  return [{ path, message: unique.length ? `must be ${unique.join(' or ')} (found ${describe(input)})` : issue.message }];
}

function bound(issue: Extract<ZodIssue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `must have ${small ? 'at least' : 'at most'} ${limit} item${Number(limit) === 1 ? '' : 's'}`;
    case 'string':
      if (small && Number(limit) === 1) return 'must not be empty';
      return `must be ${small ? 'at least' : 'at most'} ${limit} characters long`;
    default:
      if (small) return inclusive ? `must be at least ${limit}` : `must be greater than ${limit}`;
      return inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    record: 'a mapping',
    object: 'a mapping',
    array: 'a list',
    int: 'an integer',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    null: 'null',
  };
  return names[type] ?? `a ${type}`;
}

/** What the person actually wrote, in YAML terms. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text ${quote(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'a mapping';
    case 'undefined':
      return 'nothing';
    default:
      return typeof value;
  }
}
