/**
 * How one scalar is written. Plain when that reads back as the same string
 * under YAML 1.2 *and* 1.1 readers (so `yes`, `on`, `1e3`, `2024-01-01` are
 * quoted), a literal block for multi-line text, double quotes otherwise.
 */

const RESERVED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;
/** Anything that starts like a number (or .inf/.nan) is quoted, whatever follows. */
const NUMBER_LIKE = /^[-+]?(?:\.?[0-9]|\.(?:inf|nan))/i;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`<=~\s]/;
const UNSAFE_INSIDE = /: |:$| #|\s$/;
const FLOW_UNSAFE = /[,[\]{}:#]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
/** Characters a literal block cannot hold (tab and newline it can). */
// eslint-disable-next-line no-control-regex -- as above
const BLOCK_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** The common case, decided by one test: words, paths and sentences without punctuation that YAML cares about. */
const SIMPLE = /^[A-Za-z_/$][\w./$ ()-]*$/;

export function isPlainSafe(s: string, inFlow: boolean): boolean {
  if (SIMPLE.test(s) && s.charCodeAt(s.length - 1) !== 32) return s.length > 5 || !RESERVED.test(s);
  return (
    s.length > 0 &&
    !INDICATOR_START.test(s) &&
    !UNSAFE_INSIDE.test(s) &&
    !CONTROL.test(s) &&
    !RESERVED.test(s) &&
    !NUMBER_LIKE.test(s) &&
    !(inFlow && FLOW_UNSAFE.test(s))
  );
}

export function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

export function keyText(key: string, inFlow = false): string {
  return isPlainSafe(key, inFlow) ? key : doubleQuoted(key);
}

export function numberText(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  return Object.is(n, -0) ? '-0' : String(n);
}

export function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** A scalar on one line (in flow collections, keys, or anywhere a block is not allowed). */
export function inlineScalar(v: unknown, inFlow: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = String(v);
  return isPlainSafe(s, inFlow) ? s : doubleQuoted(s);
}

/** Multi-line text as a literal block (`|`, `|-`, `|+`), when it can be one. */
export function literalBlock(s: string, indent: string): string | undefined {
  if (!s.includes('\n') || BLOCK_UNSAFE.test(s) || /^\s/.test(s)) return undefined;
  const trailing = /\n*$/.exec(s)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? s : s.slice(0, -1);
  return '|' + chomp + body.split('\n').map((line) => (line === '' ? '\n' : `\n${indent}${line}`)).join('');
}
