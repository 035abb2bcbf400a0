/**
 * SARIF 2.1.0 for code scanning: one reportingDescriptor per rule (with its
 * documentation as help), one result per finding located at its subject in
 * the model file, suppressed findings carried as external suppressions.
 */
import { findingPosition, type Locate } from './locate';
import { RULES } from './rules';
import type { AnalysisResult, Severity } from './types';

export interface SarifOptions {
  /** The model file as given on the command line (relative paths stay relative). */
  file: string;
  locate?: Locate;
  toolVersion: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.0', warning: '5.0', info: '2.0' };

/** A path as a URI reference: forward slashes, percent-encoded; absolute paths become file: URIs. */
export function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded.replace('%3A', ':')}`;
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

export function toSarif(result: AnalysisResult, options: SarifOptions): object {
  const uri = fileUri(options.file);
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keel',
            fullName: 'Keel architecture analysis',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: `Fires when ${r.when}` },
              help: {
                text: `${r.why}\n\nFix: ${r.fix}`,
                markdown: `**Fires when** ${r.when}\n\n**Why it matters.** ${r.why}\n\n**How to fix.** ${r.fix}`,
              },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: {
                // The category doubles as the tag GitHub filters on ("security" included).
                tags: [r.id.split('.')[0]!],
                ...(r.id.startsWith('security.') ? { 'security-severity': SECURITY_SEVERITY[r.severity] } : {}),
              },
            })),
          },
        },
        artifacts: [{ location: { uri } }],
        columnKind: 'unicodeCodePoints',
        results: result.findings.map((f) => {
          const pos = findingPosition(result, f, options.locate);
          return {
            ruleId: f.rule,
            ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
            level: LEVEL[f.severity],
            message: { text: `${f.message} Fix: ${f.suggestion}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri, index: 0 },
                  region: { startLine: Math.max(1, pos.line), startColumn: Math.max(1, pos.col) },
                },
                logicalLocations: [
                  f.links.length > 0 && f.links[0] !== undefined && result.links?.[f.links[0]]
                    ? { name: f.links[0], kind: 'member' }
                    : { name: f.nodes[0] ?? '', kind: 'module' },
                ],
              },
            ],
            partialFingerprints: { 'keelFinding/v1': [f.rule, f.nodes[0] ?? '', ...f.links].join('|') },
            // The subject is in logicalLocations; whole paths stay in the JSON output (they can run to hundreds of hops).
            properties: { suggestion: f.suggestion },
            ...(f.suppressed ? { suppressions: [{ kind: 'external', justification: f.suppressionReason ?? '' }] } : {}),
          };
        }),
      },
    ],
  };
}
