/** Number formatting for finding messages: plain, locale-independent, cheap. */

const POW = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8];

/**
 * 14400 -> "14,400"; 1.256 -> "1.26"; at most `digits` (0-8) decimals, trailing
 * zeros dropped. Locale-independent, and cheap: messages of a 10,000-node
 * model call it a hundred thousand times.
 */
export function num(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'undefined' : 'unbounded';
  const p = POW[digits] ?? 100;
  const abs = Math.abs(x);
  if (abs >= 1e15) return (x < 0 ? '-' : '') + group(abs.toFixed(0));
  const scaled = Math.round(abs * p);
  if (scaled === 0) return '0';
  const int = Math.floor(scaled / p);
  let text = int < 1000 ? String(int) : group(String(int));
  const frac = scaled - int * p;
  if (frac > 0) text += '.' + String(frac).padStart(digits, '0').replace(/0+$/, '');
  return x < 0 ? '-' + text : text;
}

/** "1234567" -> "1,234,567" (exponent notation is left alone). */
function group(digits: string): string {
  if (digits.length <= 3 || digits.includes('e')) return digits;
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += ',' + digits.slice(i, i + 3);
  return out;
}

/** A fraction as a percentage with enough nines to tell 99.9 from 99.99: 0.999999 -> "99.9999%". */
export function pct(fraction: number): string {
  const p = fraction * 100;
  if (p >= 100) return '100%';
  // Show two significant digits of the unavailability.
  const down = 100 - p;
  const decimals = Math.min(8, Math.max(1, Math.ceil(-Math.log10(down)) + 1));
  return `${num(p, decimals)}%`;
}

export const ms = (x: number): string => `${num(x, 1)} ms`;
export const rps = (x: number): string => `${num(x, 1)} rps`;

/** "a", "a and b", "a, b and c" */
export function list(items: string[], max = 5): string {
  const shown = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : items;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export const plural = (n: number, one: string, many = one + 's'): string => `${num(n, 0)} ${n === 1 ? one : many}`;

/** A path for a message: every hop when short, else the first three and the last two. */
export function pathText(ids: string[]): string {
  if (ids.length <= 8) return ids.join(' -> ');
  return `${ids.slice(0, 3).join(' -> ')} -> ... (${ids.length - 5} more) -> ${ids.slice(-2).join(' -> ')}`;
}
