/**
 * `--stack postnet|encoder` and `--arch layers.json`, which `process` and `inspect` take: which
 * recognised stack to build from a file that holds several, and an architecture document naming
 * the tensors' keys for a stack whose keys are not a recognised layout.
 */
import type { StackRole } from '../../shared/model/types';
import { UsageError, stringOption, type OptionSpec, type ParsedArgs } from './args';
import { readBytes } from './io';
import type { WeightFile } from '../../shared/weights/read';

export const WEIGHT_OPTIONS = {
  stack: { type: 'string' },
  arch: { type: 'string' },
} as const satisfies OptionSpec;

export const WEIGHT_OPTIONS_HELP = `  --stack NAME          which stack to build from a file that holds several (a full
                        Tacotron 2 checkpoint): postnet (default) or encoder
  --arch LAYERS.json    an architecture naming the weights file's tensor keys, for a Conv1d
                        stack whose keys are not a Tacotron 2 layout (see docs/weights.md)
`;

const STACKS: readonly StackRole[] = ['postnet', 'encoder'];

export interface WeightChoices {
  stack?: StackRole;
  architecture?: WeightFile;
}

/** The choices the options make, reading the --arch file. `command` names the command in usage errors. */
export async function weightChoices(command: string, values: ParsedArgs['values']): Promise<WeightChoices> {
  const stack = stringOption(values, 'stack');
  if (stack !== undefined && !(STACKS as readonly string[]).includes(stack)) {
    throw new UsageError(`${command}: --stack must be one of ${STACKS.join(', ')}, got '${stack}'`);
  }
  const arch = stringOption(values, 'arch');
  if (arch !== undefined && stack !== undefined) {
    throw new UsageError(
      `${command}: --arch and --stack cannot be used together (--arch describes the stack itself)`,
    );
  }
  if (arch === '') throw new UsageError(`${command}: --arch needs a LAYERS.json path`);
  return {
    ...(stack !== undefined ? { stack: stack as StackRole } : {}),
    ...(arch !== undefined ? { architecture: { name: arch, bytes: await readBytes(arch) } } : {}),
  };
}
