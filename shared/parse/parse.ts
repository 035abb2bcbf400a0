/**
 * Reads a `*.keel.yaml` text into a validated model, or positioned problems.
 *
 * Two routes to the same result. Well-formed files without anchors take the
 * fast route: js-yaml (several times quicker than the yaml library on large
 * files) and validation; positions are only needed if something is wrong or
 * a caller asks, and then come from the yaml library's Document. Everything
 * else, and every file with a problem, is read with `parseDocument`, which
 * keeps positions, rejects duplicate keys and limits alias expansion. The
 * Document is the reference (YAML 1.2): fast-route.ts gives js-yaml its core
 * schema and sends the texts js-yaml would read otherwise the careful way.
 */
import jsyaml from 'js-yaml';
import {
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from 'yaml';
import type { Model } from '../model/types';
import { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_MODEL_BYTES, tooLargeMessage, utf8Length } from './limits';
import { needsCarefulRoute, YAML12_CORE } from './fast-route';
import { Locator } from './locate';
import type { ModelPath, ParseResult, Position, Problem } from './types';
import { validateModel } from './validate';

export const FORMAT_VERSION = 1;

const START: Position = { line: 1, col: 1 };

export function parseModel(text: string, file: string): ParseResult {
  try {
    return parseUnsafe(text, file);
  } catch (err) {
    // Nothing above should throw; if it does, the caller still gets a problem, not a crash.
    return failed(file, [
      { ...START, message: `could not read the model: ${err instanceof Error ? err.message : String(err)}` },
    ]);
  }
}

/** Decodes file bytes (strict UTF-8) and parses them; binary and oversized files become problems. */
export function parseModelBytes(bytes: Uint8Array, file: string): ParseResult {
  if (bytes.length > MAX_MODEL_BYTES) return failed(file, [{ ...START, message: tooLargeMessage(bytes.length) }]);
  const nul = bytes.indexOf(0);
  if (nul >= 0) return failed(file, [{ ...START, message: binaryMessage }]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failed(file, [{ ...START, message: 'file is not UTF-8 text; a model file must be UTF-8 encoded YAML' }]);
  }
  return parseModel(text, file);
}

const binaryMessage = 'file is binary (it contains NUL bytes), not a YAML model';

function parseUnsafe(input: string, file: string): ParseResult {
  if (typeof input !== 'string') return failed(file, [{ ...START, message: 'model text must be a string' }]);
  const bytes = input.length * 3 > MAX_MODEL_BYTES ? utf8Length(input) : 0;
  if (bytes > MAX_MODEL_BYTES) return failed(file, [{ ...START, message: tooLargeMessage(bytes) }]);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.includes('\0')) return failed(file, [{ ...START, message: binaryMessage }]);

  if (!needsCarefulRoute(text)) {
    const fast = fastRoute(text);
    if (fast) return fast;
  }
  return carefulRoute(text, file);
}

/** js-yaml, then validation; undefined when anything is off (the careful route then explains it). */
function fastRoute(text: string): ParseResult | undefined {
  let value: unknown;
  try {
    // js-yaml counts every node (scalars too) in its depth, so this refuses at least what the careful route does.
    value = jsyaml.load(text, { schema: YAML12_CORE, json: false, maxDepth: MAX_DEPTH } as jsyaml.LoadOptions);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || (value as { keel?: unknown }).keel !== FORMAT_VERSION) return undefined;
  if (validateModel(value).length > 0) return undefined;
  let locator: Locator | undefined;
  return {
    model: value as Model,
    problems: [],
    locate: (path: ModelPath) => {
      locator ??= buildDocument(text).locator;
      return locator.locate(path);
    },
  };
}

function buildDocument(text: string): { doc: Document.Parsed; locator: Locator } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, stringKeys: true });
  return { doc, locator: new Locator(doc, lines) };
}

function carefulRoute(text: string, file: string): ParseResult {
  const { doc, locator } = buildDocument(text);
  const locate = (path: ModelPath) => locator.locate(path);
  const result = (problems: Omit<Problem, 'file'>[], model?: Model): ParseResult => ({
    ...(model && problems.length === 0 ? { model } : {}),
    problems: sortProblems(problems.map((p) => ({ file, ...p }))),
    locate,
  });

  const syntax = [...doc.errors, ...doc.warnings].map((e) => ({
    ...locator.position({ range: e.pos }),
    message: syntaxMessage(e, text),
  }));
  if (syntax.length > 0) return result(dedupeSyntax(syntax));

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    return result([{ ...START, message: 'file is empty; a model needs at least `keel: 1`, `name` and `nodes`' }]);
  }
  if (!isMap(root)) {
    const found = isSeq(root)
      ? 'a list'
      : isScalar(root)
        ? `the value ${JSON.stringify(root.value)}`
        : 'something else';
    return result([
      {
        ...locator.position(root),
        message: `a model must be a YAML mapping with keys such as keel, name and nodes (found ${found})`,
      },
    ]);
  }
  const deep = tooDeep(root);
  if (deep)
    return result([
      { ...locator.position(deep), message: `nesting is deeper than ${MAX_DEPTH} levels; a model never needs that` },
    ]);

  const version = root.get('keel', true);
  if (version === undefined) {
    return result([
      { ...START, message: `missing format version: the file must start with \`keel: ${FORMAT_VERSION}\`` },
    ]);
  }
  const v: unknown = isScalar(version) ? (version.value as unknown) : undefined;
  if (v !== FORMAT_VERSION) {
    const shown = typeof v === 'number' || typeof v === 'string' ? String(v) : 'that is not a number';
    return result([
      {
        ...locator.position(version),
        message: `unsupported format version ${shown}; this Keel reads version ${FORMAT_VERSION}`,
      },
    ]);
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    let alias: unknown;
    visit(doc, { Alias: (_, node) => ((alias = node), visit.BREAK) });
    const why =
      err instanceof ReferenceError
        ? `aliases expand too much (limit ${MAX_ALIAS_COUNT}); the file looks like an alias bomb`
        : (err as Error).message;
    return result([{ ...locator.position(alias), message: why }]);
  }
  const problems = validateModel(value).map((issue) => ({
    ...locator.locate(issue.path, issue.key),
    message: issue.message,
  }));
  return result(problems, value as Model);
}

/** The first collection nested deeper than MAX_DEPTH (iterative: the input may be hostile). */
function tooDeep(root: unknown): unknown {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > MAX_DEPTH) return node;
    for (const item of node.items as unknown[]) {
      if (isMap(node)) {
        const pair = item as { key: unknown; value: unknown };
        stack.push([pair.key, depth + 1], [pair.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

function syntaxMessage(e: YAMLError, text: string): string {
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      const line = text.slice(e.pos[0], e.pos[0] + 200).split('\n')[0]!;
      const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#,{}[\]]*?)\s*:/.exec(line)?.[1]?.trim();
      return key ? `duplicate key '${key.replace(/^["']|["']$/g, '')}'` : 'duplicate key';
    }
    case 'RESOURCE_EXHAUSTION':
      return `nesting is deeper than ${MAX_DEPTH} levels; a model never needs that`;
    case 'MULTIPLE_DOCS':
      return 'a model file holds one YAML document (found a second one after ---)';
    default: {
      // The library's words, in the lower-case style of Keel's own messages.
      const said = e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').replace(/\n[\s\S]*$/, '');
      return /^[A-Z][a-z]/.test(said) ? said[0]!.toLowerCase() + said.slice(1) : said;
    }
  }
}

/** One problem per position: the yaml library can report a failure several times. */
function dedupeSyntax(problems: Omit<Problem, 'file'>[]): Omit<Problem, 'file'>[] {
  const seen = new Set<string>();
  const deep = problems.find((p) => p.message.startsWith('nesting is deeper'));
  return (deep ? [deep] : problems).filter((p) => {
    const k = `${p.line}:${p.col}:${p.message}`;
    return !seen.has(k) && (seen.add(k), true);
  });
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}

function failed(file: string, problems: Omit<Problem, 'file'>[]): ParseResult {
  return { problems: problems.map((p) => ({ file, ...p })), locate: () => START };
}
