/**
 * One tensor of a state_dict exported as the user asked (Netron's long-asked "save this tensor"):
 * `.npy` in the tensor's own dtype and shape (byte-identical to `numpy.save`), or `.csv` with one
 * row per index of all but the last axis (`dim0,dim1,k0,…,k4` for a `[512, 80, 5]` conv weight),
 * and a JSON sidecar saying what it is and where it came from.
 */
import { strToU8 } from 'fflate';
import type { TensorExportFormat } from '../api/microscope';
import { assertNever } from '../errors';
import { encodeNpy } from '../formats/npy';
import { numel, storesFloat64, type Tensor } from '../tensor';
import { formatFloat32 } from './csv';
import type { EncodedExport, ExportWeightsInfo } from './types';

export const TENSOR_SIDECAR_SCHEMA = 'postnet-studio.tensor-export/1';

export interface TensorExportContent {
  format: TensorExportFormat;
  /** The exported file's own name, recorded in the sidecar. */
  fileName: string;
  key: string;
  tensor: Tensor;
  weights: ExportWeightsInfo;
  appVersion: string;
  createdAt: string;
}

/** `postnet.convolutions.0.0.conv.weight.npy`: the name a folder of one `.npy` per tensor loads back. */
export function tensorExportName(key: string, format: TensorExportFormat): string {
  return `${key.replace(/[/\\:*?"<>|]/g, '_')}.${format}`;
}

function formatValue(value: number, float64: boolean): string {
  if (!float64) return formatFloat32(value);
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

/** The CSV text: a header naming the index columns and the last axis's positions, then the rows. */
export function tensorCsv(tensor: Tensor): string {
  const { shape, data } = tensor;
  const float64 = storesFloat64(tensor.dtype);
  if (shape.length === 0) return `value\n${formatValue(data[0]!, float64)}\n`;
  const last = shape[shape.length - 1]!;
  const lead = shape.slice(0, -1);
  const header = [...lead.map((_, axis) => `dim${axis}`), ...Array.from({ length: last }, (_, i) => `${i}`)];
  const lines = [header.join(',')];
  const rows = numel(lead);
  const index = new Array<number>(lead.length).fill(0);
  for (let row = 0; row < rows; row++) {
    const values: string[] = [...index.map(String)];
    for (let i = 0; i < last; i++) values.push(formatValue(data[row * last + i]!, float64));
    lines.push(values.join(','));
    for (let axis = lead.length - 1; axis >= 0; axis--) {
      index[axis]!++;
      if (index[axis]! < lead[axis]!) break;
      index[axis] = 0;
    }
  }
  return `${lines.join('\n')}\n`;
}

export function encodeTensorExport(content: TensorExportContent): EncodedExport {
  const { format, tensor } = content;
  let file: Uint8Array;
  let layout: string;
  switch (format) {
    case 'npy':
      file = encodeNpy(tensor);
      layout = `numpy.save of the tensor: dtype ${tensor.dtype}, shape [${tensor.shape.join(', ')}], C order`;
      break;
    case 'csv':
      file = strToU8(tensorCsv(tensor));
      layout =
        tensor.shape.length === 0
          ? 'one value'
          : `one row per index of the first ${tensor.shape.length - 1} axes (columns dim0…), then the last axis's ${tensor.shape[tensor.shape.length - 1]} values`;
      break;
    default:
      return assertNever(format, 'tensor export format');
  }
  const sidecar = {
    schema: TENSOR_SIDECAR_SCHEMA,
    app: { name: 'Postnet Studio', version: content.appVersion },
    createdAt: content.createdAt,
    file: content.fileName,
    format,
    key: content.key,
    dtype: tensor.dtype,
    shape: [...tensor.shape],
    layout,
    weights: content.weights,
  };
  return { file, sidecar: strToU8(`${JSON.stringify(sidecar, null, 2)}\n`) };
}
