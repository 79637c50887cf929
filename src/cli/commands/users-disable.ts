// `users disable`: set status 1 (disabled) on accounts.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { CommandContext } from '../context.js';
import { registerStatusCommand } from './status-options.js';

export function registerUsersDisable(users: CommandUnknownOpts, context: CommandContext): void {
  registerStatusCommand(users, context, 'disable', 1);
}
