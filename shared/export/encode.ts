/** Encodes an export and its sidecar: pure bytes in, bytes out, shared by both hosts. */
import { InvalidArgumentError } from '../api/errors';
import type { CancelSignal } from '../cancel';
import { assertNever, formatShape, ShapeMismatchError } from '../errors';
import { encodeNpyFloat32 } from '../formats/npy';
import { encodeCsv, type ChunkProgress } from './csv';
import { encodeNpzExport } from './npz';
import { buildSidecar, encodeSidecar } from './sidecar';
import type { EncodedExport, ExportContent } from './types';

export interface EncodeOptions {
  signal?: CancelSignal;
  onProgress?: (progress: ChunkProgress) => void;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

function checkShapes(content: ExportContent): void {
  const { nMels, nFrames, data } = content.input;
  const expected = nMels * nFrames;
  for (const [name, array] of [
    ['input', data],
    ['residual', content.residual],
    ['output', content.output],
  ] as const) {
    if (array.length !== expected) {
      throw new ShapeMismatchError(
        `export: ${name} has ${array.length} values, the spectrogram ${formatShape([nMels, nFrames])} needs ${expected}`,
      );
    }
  }
}

function encodeFile(content: ExportContent, options: EncodeOptions): Uint8Array {
  const { nMels, nFrames } = content.input;
  switch (content.format) {
    case 'npy':
      return encodeNpyFloat32(content.output, [nMels, nFrames]);
    case 'npy-batched':
      return encodeNpyFloat32(content.output, [1, nMels, nFrames]);
    case 'npz':
      return encodeNpzExport(content);
    case 'csv':
      return encodeCsv(content.output, content.input, options);
    case 'png':
      if (!content.png) throw new InvalidArgumentError('a PNG export needs the rendered view (request.png)');
      if (!isPng(content.png))
        throw new InvalidArgumentError('request.png is not a PNG image (bad signature)');
      return content.png;
    default:
      return assertNever(content.format, 'export format');
  }
}

/** The export file's bytes and its sidecar's. Checks shapes first; CSV is chunked and cancellable. */
export function encodeExport(content: ExportContent, options: EncodeOptions = {}): EncodedExport {
  checkShapes(content);
  const file = encodeFile(content, options);
  return { file, sidecar: encodeSidecar(buildSidecar(content)) };
}
