/**
 * The full-size post-net of conv/postnet_full.npz, regenerated here exactly as
 * test/fixtures/conv/make_fixtures.py (full_postnet_state_dict) does with the Python twin of the
 * generator, so the 17 MB of weights never need to be stored.
 */
import { initPostnetTensors } from '../../../shared/model/defaults';
import { SeededRandom } from '../../../shared/model/rng';
import { makeTensor, type TensorMap } from '../../../shared/tensor';

export const FULL_SEED = 20240611;

export function fullPostnetTensors(): TensorMap {
  const rng = new SeededRandom(FULL_SEED);
  const tensors = initPostnetTensors(rng);
  for (let i = 0; i < 5; i++) {
    const prefix = `postnet.convolutions.${i}.1`;
    const n = tensors.get(`${prefix}.weight`)!.shape[0]!;
    for (const [name, low, high] of [
      ['weight', 0.8, 1.2],
      ['bias', -0.1, 0.1],
      ['running_mean', -0.1, 0.1],
      ['running_var', 0.5, 1.5],
    ] as const) {
      tensors.set(`${prefix}.${name}`, makeTensor('float32', [n], rng.fillUniform(n, low, high)));
    }
  }
  return tensors;
}
