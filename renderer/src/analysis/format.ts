/** Numbers as the studio shows them: short, with units, never more precise than the model. */

export function fmtRps(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (x === 0) return '0 rps';
  if (x >= 10_000) return `${(x / 1000).toFixed(x >= 100_000 ? 0 : 1)}k rps`;
  if (x >= 100) return `${Math.round(x)} rps`;
  if (x >= 10) return `${x.toFixed(1).replace(/\.0$/, '')} rps`;
  return `${x.toPrecision(2).replace(/\.?0+$/, '')} rps`;
}

export function fmtPercent(util: number | null | undefined): string {
  if (util === null || util === undefined) return '—';
  const p = util * 100;
  return `${p >= 10 ? Math.round(p) : p.toFixed(1)}%`;
}

export function fmtMs(ms: number | null | undefined, unbounded = false): string {
  if (ms === null || ms === undefined) return unbounded ? 'unbounded' : '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms >= 100 ? Math.round(ms) : ms.toFixed(1)} ms`;
}

/** Availability percent to the first digit that differs from 100 (99.95 -> "99.95%", 99.7 -> "99.7%"). */
export function fmtAvailability(a: number | null | undefined): string {
  if (a === null || a === undefined) return '—';
  if (a >= 100) return '100%';
  const digits = Math.ceil(-Math.log10(100 - a) - 1e-6);
  // Past six nines the difference is noise next to anything a real system does.
  if (digits > 4) return '> 99.9999%';
  return `${a.toFixed(Math.max(1, digits))}%`;
}

export function fmtFactor(f: number): string {
  if (!Number.isFinite(f)) return '×∞';
  if (f >= 100) return `×${Math.round(f)}`;
  if (f >= 10) return `×${f.toFixed(1).replace(/\.0$/, '')}`;
  return `×${f.toFixed(2).replace(/0$/, '').replace(/\.0$/, '')}`;
}
