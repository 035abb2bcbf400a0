import { describe, expect, it } from 'vitest';
import { fmtAvailability, fmtFactor, fmtMs, fmtPercent, fmtRps } from './format';
import { heatOf } from './heat';
import { factorAt } from './WhatIfBar';

describe('figures as the studio shows them', () => {
  it('formats rates, percents, budgets and availabilities', () => {
    expect(fmtRps(955.5)).toBe('956 rps');
    expect(fmtRps(20.4)).toBe('20.4 rps');
    expect(fmtRps(0.3)).toBe('0.3 rps');
    expect(fmtRps(12_500)).toBe('12.5k rps');
    expect(fmtRps(null)).toBe('—');
    expect(fmtPercent(1.064)).toBe('106%');
    expect(fmtPercent(0.054)).toBe('5.4%');
    expect(fmtMs(null, true)).toBe('unbounded');
    expect(fmtMs(434.18)).toBe('434 ms');
    expect(fmtAvailability(99.9)).toBe('99.9%');
    expect(fmtAvailability(99.84935)).toBe('99.8%');
    expect(fmtAvailability(99.95)).toBe('99.95%');
    expect(fmtAvailability(99.9999999)).toBe('> 99.9999%');
    expect(fmtFactor(1.2004)).toBe('×1.2');
    expect(fmtFactor(0.94)).toBe('×0.94');
    expect(fmtFactor(10)).toBe('×10');
  });

  it('colours utilisation: green below 0.6, amber, orange from the hotspot line, red at capacity', () => {
    expect(heatOf(null)).toBe('none');
    expect(heatOf(0.59)).toBe('cool');
    expect(heatOf(0.6)).toBe('warm');
    expect(heatOf(0.8)).toBe('hot');
    expect(heatOf(0.7, 0.7)).toBe('hot');
    expect(heatOf(1)).toBe('over');
  });

  it('maps the slider logarithmically from ×0.1 to ×10, snapping to ×1', () => {
    expect(factorAt(-1)).toBe(0.1);
    expect(factorAt(1)).toBe(10);
    expect(factorAt(0.01)).toBe(1);
    expect(factorAt(Math.log10(2))).toBe(2);
    expect(factorAt(0.5)).toBe(3.16);
  });
});
