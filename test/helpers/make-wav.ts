/** Builds WAV bytes in tests: any format tag, channel count, rate, extra chunks, RIFF or RIFX. */

export interface WavSpec {
  formatTag?: number;
  nChannels?: number;
  sampleRateHz?: number;
  bitsPerSample?: number;
  /** Overrides nChannels × bitsPerSample / 8. */
  blockAlign?: number;
  /** Write a 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format is `formatTag`. */
  extensible?: boolean;
  validBitsPerSample?: number;
  bigEndian?: boolean;
  /** The data chunk's body. */
  data: Uint8Array;
  /** Overrides the data chunk's declared size. */
  declaredDataSize?: number;
  /** Replaces the fmt chunk's body (to write a malformed one). */
  fmtBody?: Uint8Array;
  /** Chunks written between `fmt ` and `data`. */
  chunksBefore?: { id: string; body: Uint8Array }[];
  /** Chunks written after `data`. */
  chunksAfter?: { id: string; body: Uint8Array }[];
}

const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function chunk(id: string, body: Uint8Array, littleEndian: boolean, declaredSize = body.length): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length % 2));
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, declaredSize, littleEndian);
  out.set(body, 8);
  return out;
}

function fmtBody(spec: WavSpec, le: boolean): Uint8Array {
  const nChannels = spec.nChannels ?? 1;
  const bits = spec.bitsPerSample ?? 16;
  const blockAlign = spec.blockAlign ?? (nChannels * bits) / 8;
  const rate = spec.sampleRateHz ?? 22050;
  const body = new Uint8Array(spec.extensible ? 40 : 16);
  const view = new DataView(body.buffer);
  view.setUint16(0, spec.extensible ? 0xfffe : (spec.formatTag ?? 1), le);
  view.setUint16(2, nChannels, le);
  view.setUint32(4, rate, le);
  view.setUint32(8, rate * blockAlign, le);
  view.setUint16(12, blockAlign, le);
  view.setUint16(14, bits, le);
  if (spec.extensible) {
    view.setUint16(16, 22, le);
    view.setUint16(18, spec.validBitsPerSample ?? bits, le);
    view.setUint32(20, 0, le);
    view.setUint16(24, spec.formatTag ?? 1, le);
    body.set(GUID_TAIL, 26);
  }
  return body;
}

export function makeWav(spec: WavSpec): Uint8Array {
  const le = !spec.bigEndian;
  const parts = [
    chunk('fmt ', spec.fmtBody ?? fmtBody(spec, le), le),
    ...(spec.chunksBefore ?? []).map((c) => chunk(c.id, c.body, le)),
    chunk('data', spec.data, le, spec.declaredDataSize),
    ...(spec.chunksAfter ?? []).map((c) => chunk(c.id, c.body, le)),
  ];
  const total = 12 + parts.reduce((sum, p) => sum + p.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = (le ? 'RIFF' : 'RIFX').charCodeAt(i);
  view.setUint32(4, total - 8, le);
  for (let i = 0; i < 4; i++) out[8 + i] = 'WAVE'.charCodeAt(i);
  let offset = 12;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Packs integers as little- or big-endian signed samples of `bits` bits (8-bit: unsigned). */
export function packInts(values: readonly number[], bits: number, bigEndian = false): Uint8Array {
  const bytesPer = bits / 8;
  const out = new Uint8Array(values.length * bytesPer);
  values.forEach((v, i) => {
    const u = bits === 8 ? v : v < 0 ? v + 2 ** bits : v;
    for (let b = 0; b < bytesPer; b++) {
      const byte = Math.floor(u / 2 ** (8 * b)) & 0xff;
      out[i * bytesPer + (bigEndian ? bytesPer - 1 - b : b)] = byte;
    }
  });
  return out;
}

export function packFloats(values: readonly number[], bits: 32 | 64, bigEndian = false): Uint8Array {
  const out = new Uint8Array(values.length * (bits / 8));
  const view = new DataView(out.buffer);
  values.forEach((v, i) =>
    bits === 32 ? view.setFloat32(i * 4, v, !bigEndian) : view.setFloat64(i * 8, v, !bigEndian),
  );
  return out;
}

/** A plain 16-bit mono WAV of the given int16 values. */
export function pcm16Wav(values: readonly number[], sampleRateHz = 22050, nChannels = 1): Uint8Array {
  return makeWav({ data: packInts(values, 16), sampleRateHz, nChannels });
}

/**
 * The same WAV as RF64 (EBU Tech 3306): `RF64`, RIFF size 0xFFFFFFFF, a `ds64` chunk first with the
 * 64-bit RIFF and data sizes, and the data chunk's 32-bit size 0xFFFFFFFF. `id` may be `BW64`.
 */
export function rf64Wav(spec: WavSpec, id: 'RF64' | 'BW64' = 'RF64'): Uint8Array {
  const riff = makeWav(spec);
  const ds64 = new Uint8Array(8 + 28);
  const dv = new DataView(ds64.buffer);
  for (let i = 0; i < 4; i++) ds64[i] = 'ds64'.charCodeAt(i);
  dv.setUint32(4, 28, true);
  dv.setBigUint64(8, BigInt(riff.length + ds64.length - 8), true);
  dv.setBigUint64(16, BigInt(spec.data.length), true);
  dv.setBigUint64(
    24,
    BigInt(spec.data.length / ((spec.nChannels ?? 1) * ((spec.bitsPerSample ?? 16) / 8))),
    true,
  );
  dv.setUint32(32, 0, true);
  const out = new Uint8Array(riff.length + ds64.length);
  out.set(riff.subarray(0, 12), 0);
  out.set(ds64, 12);
  out.set(riff.subarray(12), 12 + ds64.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  view.setUint32(4, 0xffffffff, true);
  // the data chunk's size: after the header, ds64 and fmt (and any chunks before data)
  const text = new TextDecoder('latin1').decode(out);
  const data = text.indexOf('data', 12 + ds64.length);
  view.setUint32(data + 4, 0xffffffff, true);
  return out;
}
