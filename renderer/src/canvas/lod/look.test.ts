import { describe, expect, it } from 'vitest';
import type { NodeView } from '../../analysis/analysis-store';
import { HEAT_COLOR, HEAT_TRACK } from '../../analysis/heat';
import { KIND_LOOK } from '../kinds';
import { kindBorderColor, LOD_COLORS, nodeLook } from './look';

const view = (v: Partial<NodeView> = {}): NodeView => ({
  utilization: null,
  heat: 'none',
  findings: 0,
  worst: null,
  whatIf: null,
  bottleneck: false,
  ...v,
});

describe('nodeLook', () => {
  it('draws an unanalysed node as a white card in its kind colours', () => {
    const l = nodeLook('database', view(), false);
    expect(l).toMatchObject({ fill: '#ffffff', chip: KIND_LOOK.database.color, bar: null, badge: null, ring: false });
    expect(l.border).toBe(kindBorderColor('database'));
    expect(l.border).not.toBe(kindBorderColor('service'));
  });

  it('shows heat as a bar, tints hot and overloaded cards and rings the bottleneck', () => {
    const cool = nodeLook('service', view({ heat: 'cool', utilization: 0.3 }), false);
    expect(cool.fill).toBe('#ffffff');
    expect(cool.bar).toEqual({ track: HEAT_TRACK.cool, fill: HEAT_COLOR.cool, u: 0.3 });
    const over = nodeLook('service', view({ heat: 'over', utilization: 3.2, bottleneck: true }), false);
    expect(over.fill).toBe(HEAT_TRACK.over);
    expect(over.border).toBe(LOD_COLORS.overBorder);
    expect(over.bar!.u).toBe(1);
    expect(over.ring).toBe(true);
    // The bottleneck ring marks a saturated node only.
    expect(nodeLook('service', view({ heat: 'warm', utilization: 0.7, bottleneck: true }), false).ring).toBe(false);
  });

  it('zoomed far out, fills the card with its heat and keeps critical badges only', () => {
    const hot = nodeLook(
      'service',
      view({ heat: 'over', utilization: 2, findings: 1, worst: 'critical' }),
      false,
      true,
    );
    expect(hot.bar).toBeNull();
    expect(hot.fill).not.toBe('#ffffff');
    expect(hot.badge).toBe(LOD_COLORS.critical);
    expect(
      nodeLook('service', view({ heat: 'cool', utilization: 0.2, findings: 3, worst: 'warning' }), false, true).badge,
    ).toBeNull();
    expect(nodeLook('service', view({ heat: 'cool', utilization: 0.2 }), false, true).fill).not.toBe(
      nodeLook('service', view({ heat: 'over', utilization: 2 }), false, true).fill,
    );
  });

  it('badges findings by their worst severity, greys what a what-if takes down, outlines the selection', () => {
    expect(nodeLook('cache', view({ findings: 2, worst: 'warning' }), false).badge).toBe(LOD_COLORS.warning);
    expect(nodeLook('cache', view({ whatIf: 'down' }), false).fill).toBe(LOD_COLORS.down);
    const failed = nodeLook('cache', view({ whatIf: 'failed' }), false);
    expect(failed.border).toBe(LOD_COLORS.critical);
    const sel = nodeLook('cache', view({ heat: 'over', utilization: 2 }), true);
    expect(sel).toMatchObject({ border: LOD_COLORS.accent, borderPx: 2, halo: LOD_COLORS.accentSoft });
  });
});
