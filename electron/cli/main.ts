/**
 * postnet-studio: the pipeline from the command line. The contract (commands, options, exit
 * statuses, the one-line `error: …`) is documented in docs/cli.md.
 */
import { version } from '../../package.json';
import { UsageError } from './args';
import { COMMANDS, HELP } from './commands';

/** Runs one command line and returns the exit status. Never throws; failures are one stderr line. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  try {
    if (name === undefined)
      throw new UsageError(`missing command (expected one of: ${Object.keys(COMMANDS).join(', ')})`);
    const command = COMMANDS[name];
    if (!command) {
      throw new UsageError(
        `unknown command '${name}' (expected one of: ${Object.keys(COMMANDS).join(', ')})`,
      );
    }
    await command(rest);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const firstLine = message.split('\n')[0];
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${firstLine} (see postnet-studio --help)\n`);
      return 2;
    }
    process.stderr.write(`error: ${firstLine}\n`);
    return 1;
  }
}
