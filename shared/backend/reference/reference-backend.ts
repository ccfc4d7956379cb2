/** The reference backend: PyTorch's definitions in plain loops (conv, then BatchNorm, then activation). */
import type { Conv1dGeometry } from '../../model/geometry';
import type { Conv1dLayer } from '../../model/types';
import { backendFromKernel, type LayerKernel } from '../driver';
import type { Activations, Backend } from '../types';
import { applyActivation, batchNorm1dEval, conv1dReference } from './conv1d';

function referenceKernel(layer: Conv1dLayer, input: Activations, geometry: Conv1dGeometry): LayerKernel {
  const output = new Float32Array(layer.outChannels * geometry.outFrames);
  return {
    output,
    run(t0, t1) {
      conv1dReference(input.data, layer.weight, layer.bias, geometry, output, t0, t1);
      if (layer.batchNorm) batchNorm1dEval(output, geometry.outFrames, layer.batchNorm, t0, t1);
      applyActivation(output, layer.outChannels, geometry.outFrames, layer.activation, t0, t1);
    },
  };
}

export const referenceBackend: Backend = backendFromKernel('typescript-reference', referenceKernel);
