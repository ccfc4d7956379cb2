#!/usr/bin/env node
// Entry point of the `postnet-studio` bin: run the command line, exit with its status. It knows
// where the pool worker's code sits beside it (a build's cli-worker.js, or the source under tsx).
import { callerDirectory } from './caller';
import { main } from './main';
import { setPoolWorker } from './pool';
import { poolWorkerStarter } from './pool-start';

const caller = callerDirectory(process.env);
if (caller !== null) process.chdir(caller);
setPoolWorker(poolWorkerStarter(import.meta.url));
process.exitCode = await main(process.argv.slice(2));
