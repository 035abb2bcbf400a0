import type { Command } from 'commander';
import type { CommandState } from '../index';
import { CliError, type Io } from '../io';

// Placeholder until this command is built; replaced by its owner.
export function registerValidate(program: Command, _io: Io, _state: CommandState): void {
  program
    .command('validate')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('validate: not built yet');
    });
}
