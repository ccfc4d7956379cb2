/**
 * Sample decoding straight from the file's bytes, for a `fmt ` already checked by wave-format.ts:
 * any range of frames, mixed to mono, scaled to [−1, 1] (wav.ts's table), into float32. No copy of
 * the file and no float64 buffer of the whole signal is made, so a long file can be read a block
 * at a time. The numbers are those the `wavefile` package decodes (a test compares every encoding
 * and all 256 A-law / µ-law codes), mixed as `(Σ channels) · scale / nChannels + offset` in float64.
 */
import { WavFormatError } from '../errors';
import { FORMAT_ALAW, FORMAT_IEEE_FLOAT, FORMAT_MULAW, FORMAT_PCM, type WaveFormat } from './wave-format';

/** Reads one stored value (the integer or float in the file) at a byte offset of `view`. */
type ValueReader = (view: DataView, byteOffset: number) => number;

/** ITU-T G.711 A-law code → 16-bit linear value. */
export function aLawToLinear(code: number): number {
  const a = code ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  t += segment === 0 ? 8 : 0x108;
  if (segment > 1) t <<= segment - 1;
  return a & 0x80 ? t : -t;
}

/** ITU-T G.711 µ-law code → 16-bit linear value. */
export function muLawToLinear(code: number): number {
  const u = ~code & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

function table(expand: (code: number) => number): Int16Array {
  return Int16Array.from({ length: 256 }, (_, code) => expand(code));
}

let aLawTable: Int16Array | undefined;
let muLawTable: Int16Array | undefined;

function readerFor(format: WaveFormat, littleEndian: boolean): ValueReader {
  const le = littleEndian;
  switch (format.formatTag) {
    case FORMAT_PCM:
      switch (format.bitsPerSample) {
        case 8:
          return (v, o) => v.getUint8(o);
        case 16:
          return (v, o) => v.getInt16(o, le);
        case 24:
          return le
            ? (v, o) => (v.getInt8(o + 2) << 16) | (v.getUint8(o + 1) << 8) | v.getUint8(o)
            : (v, o) => (v.getInt8(o) << 16) | (v.getUint8(o + 1) << 8) | v.getUint8(o + 2);
        case 32:
          return (v, o) => v.getInt32(o, le);
        default:
          break;
      }
      break;
    case FORMAT_IEEE_FLOAT:
      if (format.bitsPerSample === 32) return (v, o) => v.getFloat32(o, le);
      if (format.bitsPerSample === 64) return (v, o) => v.getFloat64(o, le);
      break;
    case FORMAT_ALAW: {
      const codes = (aLawTable ??= table(aLawToLinear));
      return (v, o) => codes[v.getUint8(o)]!;
    }
    case FORMAT_MULAW: {
      const codes = (muLawTable ??= table(muLawToLinear));
      return (v, o) => codes[v.getUint8(o)]!;
    }
    default:
      break;
  }
  throw new WavFormatError(
    `no decoder for format tag ${format.formatTag} with ${format.bitsPerSample}-bit samples`,
  );
}

/** `value · scale + offset` maps a stored sample to [−1, 1]. */
function sampleScaling(format: WaveFormat): { scale: number; offset: number } {
  switch (format.formatTag) {
    case FORMAT_PCM:
      if (format.bitsPerSample === 8) return { scale: 1 / 128, offset: -1 };
      return { scale: 2 ** -(format.bitsPerSample - 1), offset: 0 };
    case FORMAT_ALAW:
    case FORMAT_MULAW:
      return { scale: 1 / 32768, offset: 0 };
    case FORMAT_IEEE_FLOAT:
      return { scale: 1, offset: 0 };
    default:
      throw new WavFormatError(`no sample scaling for format tag ${format.formatTag}`);
  }
}

function nonFiniteError(value: number, sample: number, channel: number, format: WaveFormat): WavFormatError {
  const which = format.nChannels > 1 ? `, channel ${channel} of ${format.nChannels}` : '';
  const timeS = (sample / format.sampleRateHz).toFixed(3);
  return new WavFormatError(
    `the WAV's float data holds ${value} at sample ${sample} (${timeS} s${which}); audio must be finite`,
  );
}

/** Reads mono float32 samples out of a checked WAV's `data` bytes. */
export class PcmDecoder {
  private readonly view: DataView;
  private readonly read: ValueReader;
  private readonly scale: number;
  private readonly offset: number;
  private readonly isFloat: boolean;
  private readonly bytesPerValue: number;

  /** `dataOffset`: where the `data` chunk's first frame starts in `bytes`. */
  constructor(
    bytes: Uint8Array,
    private readonly format: WaveFormat,
    private readonly dataOffset: number,
    littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.read = readerFor(format, littleEndian);
    const { scale, offset } = sampleScaling(format);
    this.scale = scale / format.nChannels;
    this.offset = offset;
    this.isFloat = format.formatTag === FORMAT_IEEE_FLOAT;
    this.bytesPerValue = format.bitsPerSample / 8;
  }

  /**
   * Frames `first … first + out.length − 1` into `out`: the mean of the channels, scaled. Float data
   * holding NaN or ±Inf is refused, naming the sample (the caller checks the range is in the file).
   */
  decode(first: number, out: Float32Array): void {
    const { view, read, scale, offset, bytesPerValue } = this;
    const { nChannels, blockAlign } = this.format;
    let at = this.dataOffset + first * blockAlign;
    if (nChannels === 1) {
      for (let i = 0; i < out.length; i++, at += blockAlign) out[i] = read(view, at) * scale + offset;
    } else {
      for (let i = 0; i < out.length; i++, at += blockAlign) {
        let sum = 0;
        for (let c = 0; c < nChannels; c++) sum += read(view, at + c * bytesPerValue);
        out[i] = sum * scale + offset;
      }
    }
    if (this.isFloat) this.checkFinite(first, out);
  }

  /** A sum of channels is finite exactly when every channel is; only then look for the culprit. */
  private checkFinite(first: number, out: Float32Array): void {
    for (let i = 0; i < out.length; i++) {
      if (Number.isFinite(out[i]!)) continue;
      const at = this.dataOffset + (first + i) * this.format.blockAlign;
      for (let c = 0; c < this.format.nChannels; c++) {
        const value = this.read(this.view, at + c * this.bytesPerValue);
        if (!Number.isFinite(value)) throw nonFiniteError(value, first + i, c, this.format);
      }
    }
  }
}
