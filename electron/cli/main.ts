/**
 * postnet-studio: the pipeline from the command line. The contract (commands, options, exit
 * statuses, the one-line `error: …`) is documented in docs/cli.md.
 */
import { version } from '../../package.json';
import { cliErrorMessage } from './advice';
import { UsageError } from './args';
import type { CommandSpec } from './command';
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
    const { stdout, notices = [] } = await command.run(rest);
    if (stdout) process.stdout.write(stdout);
    for (const line of notices) process.stderr.write(`${line}\n`);
    return 0;
  } catch (error) {
    const message = cliErrorMessage(error);
    const firstLine = message.split('\n')[0];
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${firstLine} (see postnet-studio --help)\n`);
      return 2;
    }
    process.stderr.write(`error: ${firstLine}\n`);
    return 1;
  }
}
