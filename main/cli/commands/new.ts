/**
 * `keel new --template NAME FILE [--force]` and `keel new --list`: start a
 * model from one of the shipped templates.
 */
import type { Command } from 'commander';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateLibrary } from '../../templates/index';
import type { CommandState } from '../index';
import { CliError, EXIT_FAIL, EXIT_OK, EXIT_USAGE, paint, type Io } from '../io';

/** The JSON Schema editors use to complete and check `.keel.yaml` files. */
const SCHEMA_FILE = fileURLToPath(new URL('../../../resources/keel.schema.json', import.meta.url));
const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*$/m;

interface NewOptions {
  template?: string;
  list?: boolean;
  force?: boolean;
}

export function registerNew(program: Command, io: Io, state: CommandState, library?: TemplateLibrary): void {
  program
    .command('new')
    .description('Create a model file from a template (keel new --list shows them)')
    .argument('[file]', 'the model file to write, e.g. shop.keel.yaml')
    .option('-t, --template <name>', 'the template to start from')
    .option('-l, --list', 'list the templates and exit')
    .option('-f, --force', 'overwrite FILE if it exists')
    .addHelpText('after', '\nExample:\n  keel new --template ecommerce-microservices shop.keel.yaml')
    .action(async (file: string | undefined, opts: NewOptions) => {
      const templates = await import('../../templates/index');
      library ??= templates.createTemplateLibrary();
      if (opts.list) {
        io.out(formatList(library, io));
        state.exitCode = EXIT_OK;
        return;
      }
      if (!opts.template) {
        throw new CliError(`new: --template NAME is required (templates: ${library.ids().join(', ')})`);
      }
      if (!file) throw new CliError('new: FILE is required, e.g. keel new --template NAME shop.keel.yaml');
      const written = await writeFromTemplate(library, opts.template, resolve(io.cwd, file), file, Boolean(opts.force));
      io.out(`Created ${file} from template ${opts.template} (${written.nodes} nodes, ${written.links} links).`);
      io.out(`Next: keel analyze ${file}`);
      state.exitCode = EXIT_OK;
    });
}

function formatList(library: TemplateLibrary, io: Io): string {
  const templates = library.listTemplates();
  const width = Math.max(...templates.map((t) => t.id.length));
  const lines = templates.map((t) => {
    const size = `${t.nodes} nodes, ${t.links} links, ${t.contexts} contexts`;
    return `${paint(io, 'bold', t.id.padEnd(width))}  ${t.name}: ${size}\n${' '.repeat(width + 2)}${paint(io, 'dim', t.description)}`;
  });
  return lines.join('\n');
}

async function writeFromTemplate(library: TemplateLibrary, id: string, target: string, shown: string, force: boolean) {
  const { UnknownTemplateError } = await import('../../templates/index');
  const { parseModel } = await import('../../../shared/parse/index');
  let text: string;
  try {
    text = library.readTemplate(id);
  } catch (err) {
    if (err instanceof UnknownTemplateError) throw new CliError(`new: ${err.message}`, EXIT_USAGE);
    throw err;
  }
  text = pointSchemaLineAt(text, target);
  // Never write a file that would not validate (a broken template is a bug, but the user should not inherit it).
  const { model, problems } = parseModel(text, target);
  if (!model) throw new Error(`template ${id} does not validate: ${problems[0]?.message ?? 'unknown problem'}`);

  if (existsSync(target)) {
    if (statSync(target).isDirectory())
      throw new CliError(`new: ${shown} is a directory, not a model file`, EXIT_USAGE);
    if (!force) throw new CliError(`new: ${shown} already exists; use --force to overwrite it`, EXIT_FAIL);
  }
  try {
    // 'wx' fails if the file appeared since the check: never overwrite without --force.
    writeFileSync(target, text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'EEXIST') throw new CliError(`new: ${shown} already exists; use --force to overwrite it`, EXIT_FAIL);
    const why = code === 'ENOENT' ? 'its folder does not exist' : code;
    throw new CliError(`new: cannot write ${shown} (${why})`, EXIT_USAGE);
  }
  return { nodes: Object.keys(model.nodes).length, links: model.links?.length ?? 0 };
}

/** The template's `$schema` path is relative to resources/templates; make it relative to the new file. */
function pointSchemaLineAt(text: string, target: string): string {
  let rel = relative(dirname(target), SCHEMA_FILE);
  if (sep !== '/') rel = rel.split(sep).join('/');
  return text.replace(SCHEMA_LINE, () => `# yaml-language-server: $schema=${rel}`);
}
