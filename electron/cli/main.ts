/**
 * postnet-studio: the pipeline from the command line. The contract (commands, options, exit
 * statuses, the one-line `error: …`) is documented in docs/cli.md.
 */
import { version } from '../../package.json';
import { cliErrorMessage } from './advice';
import { UsageError } from './args';
import type { CommandIo, CommandSpec } from './command';
import { COMMANDS, HELP } from './commands';

const isHelp = (arg: string | undefined): boolean => arg === '--help' || arg === '-h';

/** `--help` or `-h` anywhere among a command's arguments, before a `--` that ends the options. */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some(isHelp);
}

function commandNamed(name: string | undefined): CommandSpec {
  const expected = `expected one of: ${Object.keys(COMMANDS).join(', ')}`;
  if (name === undefined) throw new UsageError(`missing command (${expected})`);
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command '${name}' (${expected})`);
  return command;
}

/** Seconds between progress lines when stderr is not a terminal (a log file, a CI job). */
const PLAIN_PROGRESS_EVERY_MS = 5000;

/**
 * stderr for a running command: on a terminal the progress line is rewritten in place (`\r`, clear
 * to the end of the line) and cleared before any other line; elsewhere it is printed as a line at
 * most every 5 s, and always the last one.
 */
function stderrIo(): CommandIo {
  const terminal = process.stderr.isTTY === true;
  let shown = false;
  let lastPlain = -Infinity;
  return {
    line(text) {
      process.stderr.write(`${shown ? '\r\x1b[K' : ''}${text}\n`);
      shown = false;
    },
    progress(text, final) {
      if (terminal) {
        process.stderr.write(`\r\x1b[K${text}${final ? '\n' : ''}`);
        shown = !final;
        return;
      }
      const now = Date.now();
      if (!final && now - lastPlain < PLAIN_PROGRESS_EVERY_MS) return;
      lastPlain = now;
      process.stderr.write(`${text}\n`);
    },
  };
}

/**
 * Runs one command line and returns the exit status. Never throws. Output is written only when
 * the command succeeds (stdout, then its notes and warnings on stderr); a failure writes one
 * stderr line, `error: …`, and nothing else.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (isHelp(name) || (name === 'help' && rest.length === 0)) {
    process.stdout.write(HELP);
    return 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const io = stderrIo();
  try {
    if (name === 'help') {
      if (rest.length > 1) throw new UsageError(`help: expected one command, got ${rest.join(' ')}`);
      process.stdout.write(commandNamed(rest[0]).help);
      return 0;
    }
    const command = commandNamed(name);
    if (asksForHelp(rest)) {
      process.stdout.write(command.help);
      return 0;
    }
    const { stdout, notices = [], status = 0 } = await command.run(rest, io);
    if (stdout) process.stdout.write(stdout);
    for (const line of notices) process.stderr.write(`${line}\n`);
    return status;
  } catch (error) {
    const message = cliErrorMessage(error);
    const firstLine = message.split('\n')[0];
    if (error instanceof UsageError) {
      io.line(`error: ${firstLine} (see postnet-studio --help)`);
      return 2;
    }
    io.line(`error: ${firstLine}`);
    return 1;
  }
}
