/**
 * `keel analyze FILE [--format text|json|sarif] [--fail-on LEVEL] [--load N] [--fail NODE...]`
 * (model-format.md section 7). Exit 1 when an unsuppressed finding is at or
 * above --fail-on (default critical) or the model is invalid; 2 for usage
 * errors and unreadable files.
 */
import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { Severity } from '../../../shared/analysis';
import type { CommandState } from '../index';
import { CliError, EXIT_FAIL, EXIT_OK, readModelFile, type Io } from '../io';

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['critical', 'warning', 'info', 'never'] as const;

interface AnalyzeOptions {
  format: (typeof FORMATS)[number];
  failOn: (typeof FAIL_ON)[number];
  load?: string;
  fail?: string[];
}

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function parseLoad(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || value.trim() === '') {
    throw new CliError(`analyze: --load must be a positive number, got ${JSON.stringify(value)}`);
  }
  return n;
}

export function registerAnalyze(program: Command, io: Io, state: CommandState): void {
  program
    .command('analyze')
    .description('Analyse a model: load, capacity, latency budgets, availability and rule findings.')
    .argument('<file>', 'the *.keel.yaml model file')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when an unsuppressed finding is at or above this level')
        .choices(FAIL_ON)
        .default('critical'),
    )
    .option('--load <factor>', 'what-if: multiply every client\u2019s rps by this factor')
    .option('--fail <nodes...>', 'what-if: take these nodes down')
    .action(async (file: string, opts: AnalyzeOptions) => {
      const loadFactor = parseLoad(opts.load);
      const { parseModel } = await import('../../../shared/parse');
      const { analyze, atOrAbove, formatText, keyLocator, toSarif } = await import('../../../shared/analysis');
      const text = readModelFile(file);
      const parsed = parseModel(text, file);
      if (!parsed.model) {
        for (const p of parsed.problems) io.err(`${p.file}:${p.line}:${p.col}: ${p.message}`);
        state.exitCode = EXIT_FAIL;
        return;
      }
      const model = parsed.model;
      const failed = (opts.fail ?? []).flatMap((f) => f.split(',')).filter((f) => f !== '');
      const unknown = failed.filter((id) => !Object.hasOwn(model.nodes, id));
      if (unknown.length > 0) {
        throw new CliError(`analyze: --fail names no node of the model: ${unknown.join(', ')}`);
      }
      const whatIf = loadFactor !== undefined || failed.length > 0;
      const result = analyze(model, whatIf ? { loadFactor: loadFactor ?? 1, failed } : {});

      if (opts.format === 'json') {
        io.out(JSON.stringify(result, null, 2));
      } else if (opts.format === 'sarif') {
        io.out(
          JSON.stringify(toSarif(result, { file, locate: keyLocator(text), toolVersion: toolVersion() }), null, 2),
        );
      } else {
        io.out(formatText(result, { file, locate: keyLocator(text), color: io.color }));
      }

      const threshold = opts.failOn;
      const failing =
        threshold !== 'never' &&
        result.findings.some((f) => !f.suppressed && atOrAbove(f.severity, threshold as Severity));
      state.exitCode = failing ? EXIT_FAIL : EXIT_OK;
    });
}
