#!/usr/bin/env node
// The `huawei-meeting-users` command.
import { runProcess } from './process.js';

await runProcess(process.argv.slice(2));
