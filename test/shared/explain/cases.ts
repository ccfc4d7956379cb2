/** The PyTorch fixtures of test/fixtures/explain as stacks, inputs and per-layer reference arrays. */
import type { Activations } from '../../../shared/backend/types';
import { readWeightSet } from '../../../shared/weights/read';
import type { Conv1dStack } from '../../../shared/model/types';
import { loadWeights } from '../../../shared/weights/load';
import type { TensorMap } from '../../../shared/tensor';
import { readFixture } from '../../helpers/fixtures';
import { floatsOf, readNpzFixture } from '../backend/fixtures';

export interface ExplainCase {
  name: string;
  stack: Conv1dStack;
  input: Activations;
  arrays: TensorMap;
}

export function weightsFixture(name: string) {
  return [{ name, bytes: readFixture('explain', name) }];
}

function inputOf(arrays: TensorMap, nChannels: number): Activations {
  const data = floatsOf(arrays, 'x');
  return { nChannels, nFrames: data.length / nChannels, data };
}

export function postnetSmallCase(): ExplainCase {
  const { stack } = loadWeights(weightsFixture('postnet_small_weights.npz'));
  const arrays = readNpzFixture('explain', 'postnet_small.npz');
  return { name: 'postnet_small', stack, input: inputOf(arrays, 8), arrays };
}

export function dilatedCase(): ExplainCase {
  const { stack } = loadWeights(weightsFixture('dilated.json'));
  const arrays = readNpzFixture('explain', 'dilated.npz');
  return { name: 'dilated', stack, input: inputOf(arrays, 6), arrays };
}

export function tacotron2SmallTensors(): TensorMap {
  return readWeightSet(weightsFixture('tacotron2_small.npz')).tensors;
}
