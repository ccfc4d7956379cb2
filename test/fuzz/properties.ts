/**
 * The fuzz properties, shared by the suite (*.fuzz.test.ts, a few hundred seeded cases each) and
 * the soak run (`npm run fuzz -- --seconds N`, soak.ts): every input either parses or throws one of
 * the project's named errors, within a time bound and without a large allocation.
 */
import fc from 'fast-check';
import { parseWav } from '../../shared/audio/wav';
import { PostnetError } from '../../shared/errors';
import { parseNpy } from '../../shared/formats/npy';
import { parseNpz } from '../../shared/formats/npz';
import { PyLiteralError, parsePyLiteral } from '../../shared/formats/py-literal';
import { parseWeightFiles } from '../../shared/weights/read';
import { resolveMelConfig } from '../../shared/mel/config';
import { analyzeWav } from '../../shared/pipeline/analyze';
import { processSpectrogram } from '../../shared/pipeline/process';
import { loadWeights } from '../../shared/weights/load';
import { jsonText, mutatedFrom, NPY_SEEDS, NPZ_SEEDS, pyLiteralText, WAV_SEEDS } from './inputs';

/** Per case: the issue's bound is 5 s and 512 MB for any crafted input; a case here is far smaller. */
export const CASE_MS = 5000;
export const CASE_ARRAY_BUFFER_BYTES = 512 * 1024 * 1024;

/**
 * What a case may allocate, in array buffers still held when it returns: 16 MiB, plus 32 bytes per
 * input byte (a WAV's samples as float32 after resampling and its mel take under 16; a declared
 * size that multiplies a few KB into many MB does not fit).
 */
export function allocationBudget(inputBytes: number): number {
  return Math.min(CASE_ARRAY_BUFFER_BYTES, 16 * 1024 * 1024 + 32 * inputBytes);
}

/** Thrown when a case breaks the contract (for fast-check to report with its seed and input). */
export class FuzzContractError extends Error {}

/** Runs `parse(input)`: it returns, or throws an error of one of `named`; fast and small either way. */
export function parsesOrNamedError<T>(
  parse: (input: T) => unknown,
  input: T,
  named: readonly (abstract new (...args: never[]) => Error)[] = [PostnetError],
): void {
  const before = process.memoryUsage().arrayBuffers;
  const started = performance.now();
  let thrown: unknown = null;
  try {
    parse(input);
  } catch (error) {
    thrown = error;
  }
  const ms = performance.now() - started;
  const grown = process.memoryUsage().arrayBuffers - before;
  if (ms > CASE_MS) throw new FuzzContractError(`took ${Math.round(ms)} ms (more than ${CASE_MS})`);
  const budget = allocationBudget(input instanceof Uint8Array ? input.length : String(input).length);
  if (grown > budget) throw new FuzzContractError(`array buffers grew ${grown} bytes (budget ${budget})`);
  if (thrown === null) return;
  if (!named.some((ErrorClass) => thrown instanceof ErrorClass)) {
    const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    throw new FuzzContractError(`threw an unnamed error: ${what}`);
  }
  if (!(thrown as Error).message)
    throw new FuzzContractError(`threw ${(thrown as Error).name} with no message`);
}

const MEL = resolveMelConfig({});

export interface FuzzTarget {
  name: string;
  property: fc.IPropertyWithHooks<[unknown]> | fc.IProperty<[unknown]>;
}

const target = <T>(name: string, input: fc.Arbitrary<T>, check: (value: T) => void): FuzzTarget => ({
  name,
  property: fc.property(input, check) as unknown as fc.IProperty<[unknown]>,
});

/** Each parser's property, by name (the suite runs each in its own test; soak runs them all). */
export const TARGETS: readonly FuzzTarget[] = [
  target('WAV (parseWav)', mutatedFrom(WAV_SEEDS), (bytes) => parsesOrNamedError(parseWav, bytes)),
  target('WAV to mel (analyzeWav: decode, resample, mel)', mutatedFrom(WAV_SEEDS), (bytes) =>
    parsesOrNamedError((b: Uint8Array) => analyzeWav(b, 'fuzz.wav', MEL), bytes),
  ),
  target('.npy (parseNpy)', mutatedFrom(NPY_SEEDS), (bytes) =>
    parsesOrNamedError((b: Uint8Array) => parseNpy(b, 'f.npy'), bytes),
  ),
  target('.npz / ZIP (parseNpz)', mutatedFrom(NPZ_SEEDS), (bytes) =>
    parsesOrNamedError((b: Uint8Array) => parseNpz(b, 'f.npz'), bytes),
  ),
  target('JSON weights and the layer JSON (parseWeightFiles)', jsonText, (bytes) =>
    parsesOrNamedError((b: Uint8Array) => parseWeightFiles([{ name: 'f.json', bytes: b }]), bytes),
  ),
  target('.npy header literal (parsePyLiteral)', pyLiteralText, (text) =>
    parsesOrNamedError(parsePyLiteral, text, [PyLiteralError]),
  ),
];

/**
 * Weights that load are also run (the layer JSON's hyperparameters, BatchNorm, values): over a
 * small [nMels, 12] input the run finishes or fails with a named error, never with NaN in the
 * result. Async, so it is its own property.
 */
export const RUN_TARGET = {
  name: 'weights that load, run over a small input (loadWeights + processSpectrogram)',
  property: fc.asyncProperty(fc.oneof(jsonText, mutatedFrom(NPZ_SEEDS)), async (bytes) => {
    const started = performance.now();
    try {
      const { stack } = loadWeights([{ name: 'f.bin', bytes }]);
      const nMels = stack.layers[0]!.inChannels;
      if (nMels > 512) return;
      const data = Float32Array.from({ length: nMels * 12 }, (_, i) => Math.sin(i) - 5);
      const mel = {
        data,
        nMels,
        nFrames: 12,
        config: { ...MEL, nMels },
        source: { name: 'x.npy', kind: 'npy' as const },
      };
      const result = await processSpectrogram(stack, mel);
      if (!result.output.every(Number.isFinite)) throw new FuzzContractError('a result holds NaN or Inf');
    } catch (error) {
      if (error instanceof FuzzContractError) throw error;
      if (!(error instanceof PostnetError)) {
        throw new FuzzContractError(
          `threw an unnamed error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        );
      }
    }
    const ms = performance.now() - started;
    if (ms > CASE_MS) throw new FuzzContractError(`took ${Math.round(ms)} ms (more than ${CASE_MS})`);
  }),
};

/** The seed fast-check starts from in the suite (FUZZ_SEED overrides it to replay a soak finding). */
export const SUITE_SEED = Number(process.env['FUZZ_SEED'] ?? 20_251_201);
