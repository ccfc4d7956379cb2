/**
 * CSV export: one row per frame (time-major, the transpose of the `[nMels, nFrames]` array),
 * header `frame,time_s,mel_0,…,mel_{nMels−1}`. Values are the shortest decimals that read back
 * as the same float32; `time_s` is the frame's centre.
 */
import { throwIfCancelled, type CancelSignal } from '../cancel';
import type { MelConfig } from '../mel/config';
import { frameCentreSample } from '../mel/frames';
import type { Spectrogram } from '../spectrogram';

export interface ChunkProgress {
  /** Frames written so far, and how many there are. */
  done: number;
  total: number;
}

export interface CsvOptions {
  signal?: CancelSignal;
  onProgress?: (progress: ChunkProgress) => void;
  /** Rows encoded between cancellation checks. */
  rowsPerChunk?: number;
}

/** Centre of frame t's analysis window in seconds (frames.ts `frameCentreSample`). */
export function frameCentreS(config: MelConfig, frame: number): number {
  return frameCentreSample(config, frame) / config.sampleRateHz;
}

/** The shortest decimal string that parses back to the same float32 (`-11.512925`, not 17 digits). */
export function formatFloat32(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  for (let digits = 6; digits < 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(Number(value.toPrecision(9)));
}

function formatSeconds(seconds: number): string {
  return String(Number(seconds.toFixed(6)));
}

function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function csvHeader(nMels: number): string {
  const columns = ['frame', 'time_s'];
  for (let band = 0; band < nMels; band++) columns.push(`mel_${band}`);
  return columns.join(',') + '\n';
}

/**
 * Encodes `data` `[nMels, nFrames]` row-major (the layout of `mel.data`) as CSV bytes. Works in
 * chunks of rows so that long inputs stay cancellable and report progress.
 */
export function encodeCsv(
  data: Float32Array,
  mel: Pick<Spectrogram, 'nMels' | 'nFrames' | 'config'>,
  options: CsvOptions = {},
): Uint8Array {
  const { nMels, nFrames, config } = mel;
  if (data.length !== nMels * nFrames) {
    throw new RangeError(
      `encodeCsv: [${nMels}, ${nFrames}] holds ${nMels * nFrames} values, data has ${data.length}`,
    );
  }
  const rowsPerChunk = options.rowsPerChunk ?? 512;
  const chunks: Uint8Array[] = [asciiBytes(csvHeader(nMels))];
  const row: string[] = new Array<string>(nMels + 2);
  for (let start = 0; start < nFrames; start += rowsPerChunk) {
    throwIfCancelled(options.signal, 'the CSV export');
    const end = Math.min(nFrames, start + rowsPerChunk);
    let text = '';
    for (let frame = start; frame < end; frame++) {
      row[0] = String(frame);
      row[1] = formatSeconds(frameCentreS(config, frame));
      for (let band = 0; band < nMels; band++) row[band + 2] = formatFloat32(data[band * nFrames + frame]!);
      text += row.join(',') + '\n';
    }
    chunks.push(asciiBytes(text));
    options.onProgress?.({ done: end, total: nFrames });
  }
  return concatBytes(chunks);
}
