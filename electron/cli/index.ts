#!/usr/bin/env node
// Entry point of the `postnet-studio` bin: run the command line, exit with its status.
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
