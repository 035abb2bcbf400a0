/** Number formatting for finding messages: plain, locale-independent, cheap. */

/** 14400 -> "14,400"; 1.256 -> "1.26"; at most `digits` decimals, trailing zeros dropped. */
export function num(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'undefined' : 'unbounded';
  const fixed = x.toFixed(digits);
  const [int, frac = ''] = fixed.split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  const digitsOnly = sign ? int!.slice(1) : int!;
  const grouped = digitsOnly.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = frac.replace(/0+$/, '');
  return sign + grouped + (trimmed ? '.' + trimmed : '');
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
