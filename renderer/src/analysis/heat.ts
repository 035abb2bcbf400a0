/** Utilisation as a heat level and colour: green below 0.6, amber to the hotspot line, orange to 1, red at or over. */
export type Heat = 'none' | 'cool' | 'warm' | 'hot' | 'over';

export function heatOf(utilization: number | null | undefined, hotspot = 0.8): Heat {
  if (utilization === null || utilization === undefined || !Number.isFinite(utilization)) return 'none';
  if (utilization >= 1) return 'over';
  if (utilization >= hotspot) return 'hot';
  if (utilization >= 0.6) return 'warm';
  return 'cool';
}

export const HEAT_COLOR: Record<Heat, string> = {
  none: 'transparent',
  cool: '#22a559',
  warm: '#e5a00d',
  hot: '#ea6a0c',
  over: '#d92d20',
};

/** The bar's track: the heat colour at 18% on white (precomputed: color-mix on a thousand nodes costs). */
export const HEAT_TRACK: Record<Heat, string> = {
  none: 'transparent',
  cool: '#dbf0e3',
  warm: '#fbf0d5',
  hot: '#fce1cf',
  over: '#f9d7d4',
};

export const HEAT_LABEL: Record<Heat, string> = {
  none: 'not capacity-checked',
  cool: 'comfortable',
  warm: 'busy',
  hot: 'hotspot',
  over: 'over capacity',
};
