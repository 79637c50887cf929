// `users enable`: set status 0 (normal) on accounts.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { CommandContext } from '../context.js';
import { registerStatusCommand } from './status-options.js';

export function registerUsersEnable(users: CommandUnknownOpts, context: CommandContext): void {
  registerStatusCommand(users, context, 'enable', 0);
}
