/**
 * The weights the CLI runs when `--weights` is left out: the bundled demo post-net
 * (resources/demo-postnet.npz, shared/demo/weights.ts), trained to undo decoder-like smoothing.
 * `--weights untrained` asks for the untrained Tacotron 2 initialisation instead
 * (shared/model/defaults.ts). The file is found from this module's own location, walking up to the
 * folder that holds `resources/`: electron/cli/ when run from source (tsx), out/main/ (or a chunk
 * folder below it) in the build, both two levels under the repository or package root.
 */
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_WEIGHTS_FILE, DEMO_WEIGHTS_NAME, demoWeightsFromBytes } from '../../shared/demo/weights';
import { DEFAULT_SEED } from '../../shared/model/defaults';
import { defaultWeights, type LoadedWeights } from '../../shared/weights/load';
import { note } from './command';
import { CliError, readBytes } from './io';

/** `--weights untrained`: the untrained Tacotron 2 post-net (a file of that name: `./untrained`). */
export const UNTRAINED_WEIGHTS = 'untrained';

const MAX_LEVELS_UP = 4;

/** Where resources/demo-postnet.npz is, looking up from this module's folder. */
export async function bundledDemoWeightsPath(
  from = dirname(fileURLToPath(import.meta.url)),
): Promise<string> {
  const looked: string[] = [];
  let folder = from;
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const candidate = join(folder, 'resources', DEMO_WEIGHTS_FILE);
    looked.push(candidate);
    try {
      await access(candidate);
      return candidate;
    } catch {
      folder = dirname(folder);
    }
  }
  throw new CliError(
    `the bundled demo weights resources/${DEMO_WEIGHTS_FILE} are missing (looked in ${looked[0]} and ` +
      `${looked.length - 1} folders above); pass --weights PATH, or --weights untrained`,
  );
}

/** The bundled demo post-net, read once per process. */
let cached: LoadedWeights | null = null;

export async function bundledDemoWeights(): Promise<LoadedWeights> {
  cached ??= demoWeightsFromBytes(await readBytes(await bundledDemoWeightsPath()));
  return cached;
}

/** The weights for a left-out `--weights` (the demo) or `--weights untrained`, with their note. */
export async function builtInWeights(
  choice: 'default' | typeof UNTRAINED_WEIGHTS,
  leftOut = 'no --weights given',
): Promise<{ weights: LoadedWeights; notices: string[] }> {
  if (choice === UNTRAINED_WEIGHTS) {
    const text = `--weights untrained: using the untrained Tacotron 2 post-net (its initialisation, seed ${DEFAULT_SEED})`;
    return { weights: defaultWeights(), notices: [note(text)] };
  }
  return {
    weights: await bundledDemoWeights(),
    notices: [
      note(
        `${leftOut}; using the ${DEMO_WEIGHTS_NAME}; --weights untrained for the untrained Tacotron 2 post-net`,
      ),
    ],
  };
}
