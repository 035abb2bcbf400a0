/**
 * What keeps the fast route (js-yaml) reading a text exactly as the careful
 * route (the yaml library's Document, YAML 1.2) does: a js-yaml schema whose
 * plain scalars resolve by YAML 1.2's core schema, and a one-pass scan that
 * sends to the careful route the texts js-yaml reads more leniently.
 */
import jsyaml from 'js-yaml';

// The yaml library's core schema tests (yaml 2, schema/core and schema/common), resolved as it resolves them.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/**
 * js-yaml's CORE_SCHEMA is YAML 1.1-ish where it matters here: it reads
 * `0b11`, `+0x1` and `-0x1` as numbers and `+.5`, `-.5` as text, and `-0` as
 * 0; YAML 1.2 reads the first three as text and the others as numbers.
 */
/** Whether a plain scalar can be a number: the tests below run on few scalars (ids, names and keys start with a letter). */
function mayBeNumber(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
}

const IMPLICIT = [
  new jsyaml.Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (s: string) => s.length <= 4 && NULL.test(s),
    construct: () => null,
  }),
  new jsyaml.Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (s: string) => (s.length === 4 || s.length === 5) && BOOL.test(s),
    construct: (s: string) => s[0] === 't' || s[0] === 'T',
  }),
  new jsyaml.Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (s: string) => mayBeNumber(s) && (INT.test(s) || INT_OCT.test(s) || INT_HEX.test(s)),
    construct: (s: string) =>
      INT_OCT.test(s) ? parseInt(s.slice(2), 8) : INT_HEX.test(s) ? parseInt(s.slice(2), 16) : parseInt(s, 10),
  }),
  new jsyaml.Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (s: string) => mayBeNumber(s) && (FLOAT_NAN.test(s) || FLOAT.test(s)),
    construct: (s: string) =>
      FLOAT_NAN.test(s)
        ? s.slice(-3).toLowerCase() === 'nan'
          ? NaN
          : s[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY
        : parseFloat(s),
  }),
];
export const YAML12_CORE = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: IMPLICIT });

/** The value YAML12_CORE gives a plain scalar, or the text itself when it stays text. */
function plainScalar(s: string): unknown {
  for (const type of IMPLICIT) if (type.resolve(s)) return type.construct(s);
  return s;
}

/**
 * Plain mapping keys (block or flow; a flow key may go without `:`) that the
 * core schema may read as something other than text. Flow sequence items match
 * too: the check below lets through those that read back as their own text.
 */
const NON_TEXT_KEY =
  /(?:^[ \t]*(?:-[ \t]+)*|[[{,][ \t]*)([-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)[ \t]*(?::(?=[ \t\r\n,\]}]|$)|(?=[,}]))/gm;

/**
 * Whether a plain key would come out of js-yaml as other text than the
 * careful route gives it: js-yaml reads `010:` as the number 10 and keys it
 * "10", `True:` as "true", `1e3:` as "1000"; the yaml library (stringKeys)
 * keeps the key's own text. `201:` and `true:` read the same either way.
 */
export function hasCoercedKey(text: string): boolean {
  NON_TEXT_KEY.lastIndex = 0;
  for (let m = NON_TEXT_KEY.exec(text); m; m = NON_TEXT_KEY.exec(text)) {
    const key = m[1]!;
    const value = plainScalar(key);
    if (Object.is(value, -0) || String(value) !== key) return true;
  }
  return false;
}

/**
 * Texts that take the careful route: anchors and aliases (the fast route does
 * not guard against alias bombs), tags, directives, null or empty keys (the
 * two libraries turn those into different strings), tabs in the indentation
 * and lone CRs; then what scanForLeniency and hasCoercedKey find.
 */
const NEEDS_CAREFUL_ROUTE = [
  /[\s[{,][&*!][^\s\]},]/, // anchor, alias or tag
  /^[&*!%]/m, // the same at a line start, or a directive
  /~\s*:/, // null key
  /[{,][ \t]*:(?:\s|$)/, // empty key in a flow map
  /^[ \t]*(?:-[ \t]+)?:(?:\s|$)/m, // empty key in a block map
];
const TAB_INDENT = /^ *\t/m; // a tab in the indentation (js-yaml lets some through, YAML 1.2 does not)
const LONE_CR = /\r(?!\n)/; // a CR without LF: a line break to js-yaml, not to the yaml library

/** Whether js-yaml might read the text otherwise than the yaml library: then only the careful route reads it. */
export function needsCarefulRoute(text: string): boolean {
  return (
    NEEDS_CAREFUL_ROUTE.some((re) => re.test(text)) ||
    // includes() first: most files have no tab and no CR at all
    (text.includes('\t') && TAB_INDENT.test(text)) ||
    (text.includes('\r') && LONE_CR.test(text)) ||
    scanForLeniency(text) ||
    hasCoercedKey(text)
  );
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * One pass for what a regular expression cannot see (quotes and brackets nest
 * and run over lines). True, so the careful route reads it, when:
 * - a flow collection is still open at a line end (nesting counted: js-yaml
 *   lets its continuation sit at any indentation, YAML 1.2 does not);
 * - a quoted scalar runs over a line end, or is followed by anything but space,
 *   a line end, `:` or (in a flow collection) `,` `]` `}`: js-yaml takes
 *   `"a"#b` as a comment, YAML 1.2 needs white space before `#`;
 * - `#` is glued to a closing bracket;
 * - `?` starts an explicit key, or a flow collection is a key (js-yaml turns
 *   a collection key into text, YAML 1.2 with string keys refuses it);
 * - a quote follows `:` directly, or `#` follows `[`, `{` or `,` directly.
 * A quote only opens a quoted scalar where a scalar can start (line start,
 * after `- `, `: `, `[`, `{`, `,`): inside plain text (`it's`) it is text.
 */
export function scanForLeniency(text: string): boolean {
  const open: number[] = []; // the flow collections open here, innermost last
  let canStart = true;
  let entryStart = false; // just after `[`, `{` or `,` inside a flow collection
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    const spaceNext = next < 0 || isSpace(next);
    const keyOfFlowMap = entryStart && open[open.length - 1] === 123;
    if (c !== SPACE && c !== TAB) entryStart = false;
    switch (c) {
      case CR:
      case LF:
        if (open.length > 0) return true;
        canStart = true;
        break;
      case SPACE:
      case TAB:
        break;
      case 35: // #
        if (i === 0 || isSpace(text.charCodeAt(i - 1))) {
          const eol = text.indexOf('\n', i);
          if (eol < 0) return false;
          i = eol - 1;
        } else if (open.length > 0 && canStart)
          return true; // `[#`, `{#`, `,#`: js-yaml takes a comment
        else canStart = false;
        break;
      case 34: // "
      case 39: {
        // '
        if (!canStart) break;
        const end = closingQuote(text, i, c);
        if (end < 0) return true;
        const after = end + 1 < n ? text.charCodeAt(end + 1) : SPACE;
        const inFlowOk = open.length > 0 && (after === 44 || after === 93 || after === 125);
        if (!(isSpace(after) || after === 58 || inFlowOk)) return true;
        i = end;
        canStart = false;
        break;
      }
      case 91: // [
      case 123: // {
        if (canStart || open.length > 0) {
          if (keyOfFlowMap) return true; // a collection as a key: js-yaml makes it text, YAML 1.2 refuses
          open.push(c);
          canStart = true;
          entryStart = true;
        }
        break;
      case 93: // ]
      case 125: // }
        if (open.length > 0) {
          open.pop();
          if (next === 35) return true;
          let j = i + 1;
          while (j < n && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
          if (text.charCodeAt(j) === 58) return true; // `[a]: b`, a collection as a key
        }
        canStart = false;
        break;
      case 44: // ,
        canStart = open.length > 0;
        entryStart = canStart;
        break;
      case 45: // -
        canStart = canStart && spaceNext; // `- ` opens an item; a `-` in text is text
        break;
      case 58: // :
        if (next === 34 || next === 39) return true; // JSON-like `"a":"b"`: leave it to the careful route
        if (
          canStart &&
          open.length > 0 &&
          (spaceNext || next === 44 || next === 91 || next === 93 || next === 123 || next === 125)
        )
          return true; // an empty key in a flow collection
        canStart = spaceNext;
        break;
      case 63: // ?
        if (canStart && spaceNext) return true;
        canStart = false;
        break;
      default:
        canStart = false;
    }
  }
  return open.length > 0;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}

/** Index of the quote that closes the one at `start`; -1 when a line ends first (or the text does). */
function closingQuote(text: string, start: number, quote: number): number {
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === LF || c === CR) return -1;
    if (quote === 34 && c === 92)
      j++; // backslash escape in "..."
    else if (c === quote) {
      if (quote === 39 && text.charCodeAt(j + 1) === 39)
        j++; // '' in '...'
      else return j;
    }
  }
  return -1;
}
