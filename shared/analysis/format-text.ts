/**
 * Human-readable report: findings grouped by severity, each starting with
 * FILE:LINE:COL of its subject (editors and terminals make that clickable),
 * then the summary and the entries table.
 */
import { num, pct } from './fmt';
import { findingPosition, type Locate } from './locate';
import { SEVERITIES, type AnalysisResult, type Finding, type Severity } from './types';

export interface TextOptions {
  file: string;
  locate?: Locate;
  /** ANSI colours; only on a terminal. */
  color?: boolean;
}

const CODES = { red: 31, yellow: 33, blue: 34, green: 32, dim: 2, bold: 1 } as const;
const SEVERITY_STYLE: Record<Severity, keyof typeof CODES> = { critical: 'red', warning: 'yellow', info: 'blue' };

export function formatText(result: AnalysisResult, options: TextOptions): string {
  const paint = (style: keyof typeof CODES, text: string) => (options.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const line = (f: Finding) => {
    const pos = findingPosition(result, f, options.locate);
    const head = `${options.file}:${pos.line}:${pos.col}: ${paint(SEVERITY_STYLE[f.severity], f.severity)} ${paint('dim', f.rule)}`;
    lines.push(`${head} ${f.message}`);
    lines.push(`    fix: ${f.suggestion}`);
    if (f.suppressed) lines.push(`    suppressed: ${f.suppressionReason ?? ''}`);
  };

  const active = result.findings.filter((f) => !f.suppressed);
  const suppressed = result.findings.filter((f) => f.suppressed);
  for (const sev of SEVERITIES) {
    const group = active.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    lines.push(paint('bold', `${sev} (${group.length})`));
    group.forEach(line);
    lines.push('');
  }
  if (suppressed.length > 0) {
    lines.push(paint('bold', `suppressed (${suppressed.length})`));
    suppressed.forEach(line);
    lines.push('');
  }

  const s = result.summary;
  const counts = `${s.critical} critical, ${s.warning} ${s.warning === 1 ? 'warning' : 'warnings'}, ${s.info} info${suppressed.length ? `, ${suppressed.length} suppressed` : ''}`;
  lines.push(`${paint('bold', 'summary')}: ${counts}`);
  lines.push(
    s.maxScale === null
      ? 'max scale: no node is capacity-checked under load'
      : `max scale: ${num(s.maxScale)}x today's load before ${s.bottleneck} saturates`,
  );

  const entries = Object.entries(result.entries);
  if (entries.length > 0) {
    const rows = [
      ['entry', 'rps', 'latency budget', 'availability', 'depends on'],
      ...entries.map(([id, e]) => [
        id,
        num(e.rps, 1),
        e.latencyMs !== null ? `${num(e.latencyMs, 1)} ms` : e.latencyUnbounded ? 'unbounded' : 'undefined',
        pct(e.availability / 100),
        e.dependsOn === undefined ? '' : `${e.dependsOn} nodes`,
      ]),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    lines.push('');
    rows.forEach((r, i) => {
      const text = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
      lines.push(i === 0 ? paint('dim', text) : text);
    });
  }

  const w = result.whatIf;
  if (w) {
    lines.push('');
    lines.push(paint('bold', `what if: load x${num(w.loadFactor)}${w.failed.length ? `, ${w.failed.join(', ')} down` : ''}`));
    if (w.failed.length > 0) {
      lines.push(`  down: ${w.downEntries.length ? w.downEntries.join(', ') : 'no entry'}`);
      lines.push(`  survive: ${w.survivingEntries.length ? w.survivingEntries.join(', ') : 'none that reach the failure'}`);
      lines.push(`  affected nodes: ${w.affectedNodes.join(', ')}`);
    }
  }
  return lines.join('\n');
}
