/**
 * Crafted inputs that once cost minutes or gigabytes (issue 9's fuzz findings), made in memory so
 * tests and the measurement script (test/fuzz/measure-crafted.ts) share them. Each one is small
 * on disk; what it declares is what used to be trusted.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { strToU8 } from 'fflate';
import { crc32 } from '../../shared/formats/crc32';
import { encodeNpy } from '../../shared/formats/npy';
import { defaultWeights } from '../../shared/weights/load';
import { makeWav } from './make-wav';

/** A 16-bit mono WAV whose header says `sampleRateHz` (1–10 Hz: "resampled" to billions of samples). */
export function lowRateWav(sampleRateHz: number, nSamples: number): Uint8Array {
  const data = new Uint8Array(nSamples * 2);
  const view = new DataView(data.buffer);
  for (let i = 0; i < nSamples; i++) view.setInt16(i * 2, Math.round(8000 * Math.sin(i / 3)), true);
  return makeWav({ sampleRateHz, data });
}

/**
 * Raw deflate of `head` then zero bytes up to `total`, without ever holding the inflated bytes:
 * 16 MiB segments compressed by zlib with a full flush (byte-aligned, no back-references across
 * them), the zero segment repeated, then an empty final block. The CRC is not computed (a bomb
 * must be refused before its CRC could matter): it is 0.
 */
function deflateZeros(head: Uint8Array, total: number): { body: Uint8Array; crc: number } {
  const segment = 1 << 24;
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const firstSize = Math.min(total, segment);
  const first = new Uint8Array(firstSize);
  first.set(head.subarray(0, firstSize));
  const parts: Uint8Array[] = [deflateRawSync(first, flush)];
  const rest = total - firstSize;
  if (rest > 0) {
    const whole = deflateRawSync(new Uint8Array(segment), flush);
    for (let i = 0; i < Math.floor(rest / segment); i++) parts.push(whole);
    if (rest % segment > 0) parts.push(deflateRawSync(new Uint8Array(rest % segment), flush));
  }
  parts.push(Uint8Array.of(0x03, 0x00)); // BFINAL, fixed Huffman, end of block
  return { body: concat(parts), crc: 0 };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export interface ZipMemberSpec {
  name: string;
  /** The member's bytes as stored (already deflated when method is 8). */
  body: Uint8Array;
  method: 0 | 8;
  crc: number;
  /** What the central directory (and the local header) says the member inflates to. */
  declaredSize: number;
  /** Write the sizes as 0xFFFFFFFF with a ZIP64 extra holding `declaredSize` (and the compressed size). */
  zip64?: boolean;
}

/** A ZIP of the given members whose headers say exactly what the spec says, true or not. */
export function craftZip(members: readonly ZipMemberSpec[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const member of members) {
    const name = strToU8(member.name);
    const extra = member.zip64 ? new Uint8Array(20) : new Uint8Array(0);
    if (member.zip64) {
      const ev = new DataView(extra.buffer);
      ev.setUint16(0, 1, true);
      ev.setUint16(2, 16, true);
      ev.setBigUint64(4, BigInt(member.declaredSize), true);
      ev.setBigUint64(12, BigInt(member.body.length), true);
    }
    const size = member.zip64 ? 0xffffffff : member.declaredSize;
    const compressed = member.zip64 ? 0xffffffff : member.body.length;
    const local = new Uint8Array(30 + name.length + extra.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, member.method, true);
    lv.setUint32(14, member.crc, true);
    lv.setUint32(18, compressed, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, extra.length, true);
    local.set(name, 30);
    local.set(extra, 30 + name.length);
    const entry = new Uint8Array(46 + name.length + extra.length);
    const cv = new DataView(entry.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, member.method, true);
    cv.setUint32(16, member.crc, true);
    cv.setUint32(20, compressed, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra.length, true);
    cv.setUint32(42, offset, true);
    entry.set(name, 46);
    entry.set(extra, 46 + name.length);
    parts.push(local, member.body);
    central.push(entry);
    offset += local.length + member.body.length;
  }
  const directorySize = central.reduce((n, e) => n + e.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, members.length, true);
  ev.setUint16(10, members.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  return concat([...parts, ...central, end]);
}

/** The `.npy` header of a float32 `[n]` array (what a zero-filled member starts with). */
function npyHeaderFor(nValues: number): Uint8Array {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${nValues},), }`;
  const headerLength = Math.ceil((10 + dict.length + 1) / 64) * 64 - 10;
  const bytes = new Uint8Array(10 + headerLength);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(bytes.buffer).setUint16(8, headerLength, true);
  const text = dict.padEnd(headerLength - 1, ' ') + '\n';
  for (let i = 0; i < text.length; i++) bytes[10 + i] = text.charCodeAt(i);
  return bytes;
}

/**
 * An `.npz` whose one member is a float32 `.npy` of `inflatedBytes` zero bytes in all, deflated
 * (honest sizes: a plain zip bomb). 1 GiB deflates to about 1 MB.
 */
export function npzBomb(inflatedBytes: number): Uint8Array {
  const head = npyHeaderFor(Math.floor((inflatedBytes - 128) / 4));
  const total = head.length + Math.floor((inflatedBytes - 128) / 4) * 4;
  const { body, crc } = deflateZeros(head, total);
  return craftZip([{ name: 'bomb.npy', body, method: 8, crc, declaredSize: total }]);
}

/** A member that inflates to `inflatedBytes` while the directory says `declaredSize` bytes. */
export function npzUnderstated(inflatedBytes: number, declaredSize: number): Uint8Array {
  const head = npyHeaderFor(Math.floor((inflatedBytes - 128) / 4));
  const total = head.length + Math.floor((inflatedBytes - 128) / 4) * 4;
  const { body, crc } = deflateZeros(head, total);
  return craftZip([{ name: 'liar.npy', body, method: 8, crc, declaredSize }]);
}

/** A tiny deflated member whose directory claims `declaredSize` (0xFFFFFFFF, or 2^40 through ZIP64). */
export function npzHugeDeclared(declaredSize: number, zip64: boolean): Uint8Array {
  const { body, crc } = deflateZeros(npyHeaderFor(4), 144);
  return craftZip([{ name: 'huge.npy', body, method: 8, crc, declaredSize, zip64 }]);
}

/** Nested JSON `depth` levels deep: `{"w": [[[…[1]…]]]}`. */
export function deepJson(depth: number): Uint8Array {
  return strToU8(`{"w": ${'['.repeat(depth)}1${']'.repeat(depth)}}`);
}

/** An `.npy` (version 2.0: a 4-byte header length) whose shape is a tuple nested `depth` deep. */
export function deepNpyHeader(depth: number): Uint8Array {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${'('.repeat(depth)}1,${')'.repeat(depth)}, }`;
  const headerLength = Math.ceil((12 + dict.length + 1) / 64) * 64 - 12;
  const bytes = new Uint8Array(12 + headerLength + 4);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0], 0);
  new DataView(bytes.buffer).setUint32(8, headerLength, true);
  const text = dict.padEnd(headerLength - 1, ' ') + '\n';
  for (let i = 0; i < text.length; i++) bytes[12 + i] = text.charCodeAt(i);
  return bytes;
}

interface LayerJson {
  in_channels?: number;
  out_channels?: number;
  kernel_size?: number;
  padding?: number | string;
  stride?: number;
  dilation?: number;
  activation?: string;
  weight: unknown;
  bias?: unknown;
  batch_norm?: Record<string, unknown>;
}

function layersDocument(layers: LayerJson[], residual: boolean): Uint8Array {
  return strToU8(JSON.stringify({ format: 'postnet-studio.conv1d-stack', version: 1, residual, layers }));
}

const filled = (n: number, value: number): number[] => new Array<number>(n).fill(value);

/** One Conv1d(nMels → 1, k=1) layer with `field` set to `value` (padding 1e8 ran 469 s at 6.3 GB). */
export function layersWith(field: 'padding' | 'stride' | 'dilation', value: number, nMels = 80): Uint8Array {
  const weight = [Array.from({ length: nMels }, () => [1 / nMels])];
  return layersDocument([{ [field]: value, weight, bias: [0] }], false);
}

/** A layer with in/out channels declared far beyond the weight it carries. */
export function layersWithChannels(channels: number): Uint8Array {
  return layersDocument([{ in_channels: channels, out_channels: channels, weight: [[[1]]] }], false);
}

/** A residual Conv1d(nMels → nMels, k=1) + BatchNorm with eps 0 and running_var 0 in channel 3. */
export function batchNormZeroVariance(nMels = 80): Uint8Array {
  const weight = Array.from({ length: nMels }, (_, o) =>
    Array.from({ length: nMels }, (_, i) => [o === i ? 0.5 : 0]),
  );
  const runningVar = filled(nMels, 1);
  runningVar[3] = 0;
  return layersDocument(
    [
      {
        weight,
        bias: filled(nMels, 0),
        batch_norm: {
          eps: 0,
          weight: filled(nMels, 1),
          bias: filled(nMels, 0),
          running_mean: filled(nMels, 0),
          running_var: runningVar,
        },
      },
    ],
    true,
  );
}

/** The default post-net as an `.npz`, one conv weight of layer `layer` set to `value` at index 0 (as `dtype`). */
export function postnetNpzWithValue(layer: number, value: number, dtype: 'float32' | 'float64'): Uint8Array {
  const members: { name: string; data: Uint8Array }[] = [];
  for (const [key, tensor] of defaultWeights().tensors) {
    if (key.endsWith('num_batches_tracked')) continue;
    let data: Float32Array | Float64Array =
      dtype === 'float64' ? Float64Array.from(tensor.data) : Float32Array.from(tensor.data);
    if (key === `postnet.convolutions.${layer}.0.conv.weight`) {
      data = dtype === 'float64' ? Float64Array.from(data) : Float32Array.from(data);
      data.fill(value, 0, data.length);
    }
    members.push({ name: `${key}.npy`, data: encodeNpy({ dtype, shape: tensor.shape, data }) });
  }
  return craftZip(
    members.map(({ name, data }) => ({
      name,
      body: data,
      method: 0,
      crc: crc32(data),
      declaredSize: data.length,
    })),
  );
}
