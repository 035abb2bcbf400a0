import type { Command } from 'commander';
import type { CommandState } from '../index';
import { CliError, type Io } from '../io';

// Placeholder until this command is built; replaced by its owner.
export function registerAnalyze(program: Command, _io: Io, _state: CommandState): void {
  program
    .command('analyze')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('analyze: not built yet');
    });
}
