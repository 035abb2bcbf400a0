import type { Command } from 'commander';
import type { CommandState } from '../index';
import { CliError, type Io } from '../io';

// Placeholder until this command is built; replaced by its owner.
export function registerFmt(program: Command, _io: Io, _state: CommandState): void {
  program
    .command('fmt')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('fmt: not built yet');
    });
}
