import type { Command } from 'commander';
import type { CommandState } from '../index';
import { CliError, type Io } from '../io';

// Placeholder until this command is built; replaced by its owner.
export function registerServe(program: Command, _io: Io, _state: CommandState): void {
  program
    .command('serve')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('serve: not built yet');
    });
}
