/**
 * The `.npz` export: what `np.load` gives back as `input`, `residual`, `output` (float32
 * `[nMels, nFrames]`) and `mel_config_json` (uint8 UTF-8 bytes of the mel config:
 * `json.loads(z['mel_config_json'].tobytes())`). Stored, not deflated, like `np.savez`.
 */
import { strToU8 } from 'fflate';
import { encodeNpz } from '../formats/npz';
import type { TensorMap } from '../tensor';
import type { ExportContent } from './types';

export function encodeNpzExport(content: ExportContent): Uint8Array {
  const { nMels, nFrames, config, data } = content.input;
  const shape = [nMels, nFrames];
  const configBytes = strToU8(JSON.stringify(config));
  const tensors: TensorMap = new Map([
    ['input', { dtype: 'float32', shape, data }],
    ['residual', { dtype: 'float32', shape, data: content.residual }],
    ['output', { dtype: 'float32', shape, data: content.output }],
    [
      'mel_config_json',
      { dtype: 'uint8', shape: [configBytes.length], data: Float32Array.from(configBytes) },
    ],
  ]);
  return encodeNpz(tensors, { compress: false });
}
