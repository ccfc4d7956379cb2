#!/usr/bin/env node
// Entry point of the `postnet-studio` bin: run the command line, exit with its status.
import { callerDirectory } from './caller';
import { main } from './main';

const caller = callerDirectory(process.env);
if (caller !== null) process.chdir(caller);
process.exitCode = await main(process.argv.slice(2));
