import { describe, expect, it } from 'vitest';
import { parseWav } from '../../../shared/audio/wav';
import { WavFormatError } from '../../../shared/errors';
import { expectClose } from '../../helpers/close';
import { makeWav, packFloats, packInts, pcm16Wav } from '../../helpers/make-wav';

function decodes(bytes: Uint8Array, expected: readonly number[]) {
  const audio = parseWav(bytes);
  expectClose(audio.samples, expected, { atol: 0 });
  return audio;
}

function failsWith(bytes: Uint8Array, message: RegExp) {
  let caught: unknown;
  try {
    parseWav(bytes);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WavFormatError);
  expect((caught as Error).message).toMatch(message);
}

describe('parseWav decodes every supported encoding', () => {
  it('PCM 16-bit mono scales like Tacotron 2 (÷ 32768)', () => {
    const audio = decodes(pcm16Wav([0, 16384, -32768, 32767, -1]), [0, 0.5, -1, 32767 / 32768, -1 / 32768]);
    expect(audio).toMatchObject({ sampleRateHz: 22050, nChannels: 1, nSamples: 5, encoding: 'PCM 16-bit' });
  });

  it('PCM 8-bit is unsigned: (x − 128) / 128', () => {
    const audio = decodes(makeWav({ bitsPerSample: 8, data: packInts([0, 128, 255, 64], 8) }), [
      -1,
      0,
      127 / 128,
      -0.5,
    ]);
    expect(audio.encoding).toBe('PCM 8-bit unsigned');
  });

  it('PCM 24-bit ÷ 2^23', () => {
    const values = [-(2 ** 23), 2 ** 22, 1, 2 ** 23 - 1];
    const audio = decodes(
      makeWav({ bitsPerSample: 24, data: packInts(values, 24) }),
      values.map((v) => v / 2 ** 23),
    );
    expect(audio.encoding).toBe('PCM 24-bit');
  });

  it('PCM 32-bit ÷ 2^31', () => {
    const values = [-(2 ** 31), 2 ** 30, 12345, 2 ** 31 - 1];
    decodes(
      makeWav({ bitsPerSample: 32, data: packInts(values, 32) }),
      values.map((v) => Math.fround(v / 2 ** 31)),
    );
  });

  it('IEEE float 32-bit and 64-bit are taken as they are', () => {
    const values = [0.25, -0.75, 1.5, -1e-6];
    const f32 = decodes(
      makeWav({ formatTag: 3, bitsPerSample: 32, data: packFloats(values, 32) }),
      values.map(Math.fround),
    );
    expect(f32.encoding).toBe('IEEE float 32-bit');
    const f64 = decodes(
      makeWav({ formatTag: 3, bitsPerSample: 64, data: packFloats(values, 64) }),
      values.map(Math.fround),
    );
    expect(f64.encoding).toBe('IEEE float 64-bit');
  });

  it('A-law expands to 16-bit (G.711) then ÷ 32768', () => {
    const audio = decodes(
      makeWav({ formatTag: 6, bitsPerSample: 8, data: Uint8Array.from([0xd5, 0x55, 0xaa, 0x2a]) }),
      [8 / 32768, -8 / 32768, 32256 / 32768, -32256 / 32768],
    );
    expect(audio.encoding).toBe('A-law');
  });

  it('µ-law expands to 16-bit (G.711) then ÷ 32768', () => {
    const audio = decodes(
      makeWav({ formatTag: 7, bitsPerSample: 8, data: Uint8Array.from([0xff, 0x80, 0x00]) }),
      [0, 32124 / 32768, -32124 / 32768],
    );
    expect(audio.encoding).toBe('µ-law');
  });

  it('WAVE_FORMAT_EXTENSIBLE PCM 24-bit (20 valid bits) and float 32-bit', () => {
    const values = [-(2 ** 23), 2 ** 22];
    const pcm = decodes(
      makeWav({ extensible: true, bitsPerSample: 24, validBitsPerSample: 20, data: packInts(values, 24) }),
      [-1, 0.5],
    );
    expect(pcm.encoding).toBe('PCM 24-bit (20 valid) (extensible)');
    const float = decodes(
      makeWav({ extensible: true, formatTag: 3, bitsPerSample: 32, data: packFloats([0.125], 32) }),
      [0.125],
    );
    expect(float.encoding).toBe('IEEE float 32-bit (extensible)');
  });

  it('stereo and 6-channel audio mix to mono by the mean of the channels', () => {
    const stereo = decodes(pcm16Wav([16384, 0, -16384, -16384], 22050, 2), [0.25, -0.5]);
    expect(stereo).toMatchObject({ nChannels: 2, nSamples: 2 });
    const six = Array.from({ length: 12 }, (_, i) => (i < 6 ? 6000 * i : -3000));
    decodes(pcm16Wav(six, 16000, 6), [(6000 * 15) / 6 / 32768, -3000 / 32768]);
  });

  it('RIFX (big-endian) files decode like RIFF', () => {
    const values = [1000, -2000, 32767];
    decodes(
      makeWav({ bigEndian: true, data: packInts(values, 16, true) }),
      values.map((v) => v / 32768),
    );
  });

  it('skips other chunks, honours pad bytes, ignores broken chunks after the data', () => {
    const bytes = makeWav({
      data: packInts([100, -100], 16),
      chunksBefore: [
        { id: 'LIST', body: new Uint8Array(7) },
        { id: 'junk', body: new Uint8Array(3) },
      ],
    });
    const broken = new Uint8Array(bytes.length + 10);
    broken.set(bytes);
    broken.set([0x4c, 0x49, 0x53, 0x54, 0xff, 0xff, 0x00, 0x00], bytes.length); // 'LIST' claiming 65535 bytes
    decodes(broken, [100 / 32768, -100 / 32768]);
  });

  it('decodes long files in chunks without losing or shifting a sample', () => {
    const n = 300_000; // more than one 2^18-frame chunk
    const values = Float32Array.from({ length: n }, (_, i) => ((i % 977) - 488) / 1024);
    const audio = parseWav(makeWav({ formatTag: 3, bitsPerSample: 32, data: packFloats([...values], 32) }));
    expectClose(audio.samples, values, { atol: 0 });
    values[280_000] = NaN;
    failsWith(
      makeWav({ formatTag: 3, bitsPerSample: 32, data: packFloats([...values], 32) }),
      /NaN at sample 280000 \(12\.698 s\)/,
    );
  });

  it('any sample rate from 1000 Hz to 1 MHz is reported as the file has it', () => {
    expect(parseWav(pcm16Wav([1, 2, 3], 44100)).sampleRateHz).toBe(44100);
    expect(parseWav(pcm16Wav([1, 2, 3], 1000)).sampleRateHz).toBe(1000);
    expect(parseWav(pcm16Wav([1, 2, 3], 7919)).sampleRateHz).toBe(7919);
    expect(parseWav(pcm16Wav([1, 2, 3], 1_000_000)).sampleRateHz).toBe(1_000_000);
  });
});

describe('parseWav fails clearly on bad input', () => {
  const good = pcm16Wav([1, 2, 3, 4]);

  it('fails clearly when the file is not RIFF: says what the first bytes were', () => {
    failsWith(
      new TextEncoder().encode('hello world, not audio'),
      /not a RIFF\/WAVE file: it starts with text \(not shown\), expected 'RIFF'$/,
    );
  });

  it('fails clearly when the file is an MP3 or FLAC: names the format and how to convert it', () => {
    failsWith(
      Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0]),
      /^an MP3 file: audio in a format we do not read yet: convert it to WAV \(e\.g\. sox in\.mp3 out\.wav\)$/,
    );
    failsWith(
      new TextEncoder().encode('fLaC\0\0\0\x22'),
      /^a FLAC file: audio in a format we do not read yet/,
    );
  });

  it('fails clearly when the file is empty or shorter than the RIFF header', () => {
    failsWith(
      new Uint8Array(0),
      /not a RIFF\/WAVE file: it starts with nothing \(the file is empty\), expected 'RIFF'/,
    );
    failsWith(good.subarray(0, 7), /truncated WAV: the RIFF header needs 12 bytes, the file has 7/);
  });

  it('fails clearly when a RIFF file is not WAVE', () => {
    const avi = good.slice();
    avi.set(new TextEncoder().encode('AVI '), 8);
    failsWith(avi, /a RIFF file of form 'AVI ', expected 'WAVE'/);
  });

  it('fails clearly on RF64 without its ds64 chunk', () => {
    const rf64 = good.slice();
    rf64.set(new TextEncoder().encode('RF64'), 0);
    failsWith(rf64, /malformed RF64: the first chunk is 'fmt ', expected 'ds64'/);
  });

  it('fails clearly when the fmt chunk is truncated or too small', () => {
    failsWith(good.subarray(0, 20), /the 'fmt ' chunk at byte 12 declares 16 bytes, only 0 present/);
    failsWith(good.subarray(0, 16), /a chunk header at byte 12 needs 8 bytes, only 4 present/);
    failsWith(
      makeWav({ fmtBody: new Uint8Array(14), data: packInts([1], 16) }),
      /'fmt ' chunk has 14 bytes, it needs at least 16/,
    );
  });

  it('fails clearly when the fmt or data chunk is missing: lists the chunks found', () => {
    const noData = good.slice();
    noData.set(new TextEncoder().encode('dat4'), 36);
    failsWith(noData, /no 'data' chunk \(chunks found: 'fmt ', 'dat4'\)/);
    failsWith(good.subarray(0, 12), /no 'fmt ' and no 'data' chunk \(no chunks after the header\)/);
  });

  it('fails clearly when a chunk id is not text: names it in hex', () => {
    const binaryId = good.slice();
    binaryId.set([0x00, 0x01, 0x02, 0x03], 36);
    failsWith(binaryId, /no 'data' chunk \(chunks found: 'fmt ', 0x00 0x01 0x02 0x03\)/);
  });

  it('fails clearly on an unsupported codec: names the format tag', () => {
    failsWith(
      makeWav({ formatTag: 2, bitsPerSample: 4, data: new Uint8Array(4) }),
      /format tag 0x0002 \(Microsoft ADPCM\)/,
    );
    failsWith(
      makeWav({ formatTag: 0x55, bitsPerSample: 0, blockAlign: 1, data: new Uint8Array(4) }),
      /0x0055 \(MPEG Layer 3/,
    );
    failsWith(
      makeWav({
        extensible: true,
        formatTag: 0x11,
        bitsPerSample: 4,
        blockAlign: 1,
        data: new Uint8Array(4),
      }),
      /0x0011 \(IMA ADPCM\) inside WAVE_FORMAT_EXTENSIBLE/,
    );
  });

  it('fails clearly on unsupported sample sizes', () => {
    failsWith(makeWav({ bitsPerSample: 12, blockAlign: 2, data: new Uint8Array(4) }), /12-bit PCM/);
    failsWith(makeWav({ formatTag: 3, bitsPerSample: 16, data: new Uint8Array(4) }), /16-bit IEEE float/);
  });

  it('fails clearly on impossible header values', () => {
    failsWith(makeWav({ nChannels: 0, blockAlign: 2, data: new Uint8Array(4) }), /0 channels/);
    failsWith(makeWav({ sampleRateHz: 0, data: new Uint8Array(4) }), /0 Hz/);
    failsWith(makeWav({ blockAlign: 3, data: new Uint8Array(6) }), /blockAlign is 3 bytes, expected 2/);
  });

  it('fails clearly on a non-standard extensible sub-format GUID', () => {
    const bytes = makeWav({ extensible: true, data: packInts([1, 2], 16) });
    bytes[20 + 30] = 0x42;
    failsWith(bytes, /non-standard sub-format GUID/);
  });

  it('fails clearly on an extensible fmt chunk shorter than its 40 bytes', () => {
    const full = makeWav({ extensible: true, data: packInts([1, 2], 16) });
    const fmtBody = full.slice(20, 20 + 24); // the 16 plain bytes, cbSize and 6 of the extension
    failsWith(
      makeWav({ fmtBody, data: packInts([1, 2], 16) }),
      /truncated WAV: a WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk needs 40 bytes, it has 24$/,
    );
  });

  it('fails clearly when an extensible fmt claims more valid bits than the samples have', () => {
    failsWith(
      makeWav({ extensible: true, bitsPerSample: 16, validBitsPerSample: 20, data: packInts([1, 2], 16) }),
      /invalid WAV header: 20 valid bits in 16-bit samples$/,
    );
  });

  it('fails clearly when there are zero samples', () => {
    failsWith(makeWav({ data: new Uint8Array(0) }), /data chunk holds no samples \(PCM 16-bit\)/);
  });

  it('fails clearly when the data is not a whole number of frames', () => {
    failsWith(
      makeWav({ nChannels: 2, data: new Uint8Array(6) }),
      /holds 6 bytes, not a whole number of 4-byte frames/,
    );
  });

  it('fails clearly on NaN or Inf in float data: says at which sample', () => {
    failsWith(
      makeWav({ formatTag: 3, bitsPerSample: 32, data: packFloats([0, 0.5, NaN], 32) }),
      /NaN at sample 2 \(0\.000 s\)/,
    );
    failsWith(
      makeWav({ formatTag: 3, bitsPerSample: 64, nChannels: 2, data: packFloats([0, 0, 0, Infinity], 64) }),
      /Infinity at sample 1 \(0\.000 s, channel 1 of 2\)/,
    );
  });

  it('never throws anything but WavFormatError on any truncation or corruption of a valid file (a cut data chunk reads with a warning)', () => {
    const bytes = makeWav({
      extensible: true,
      nChannels: 2,
      bitsPerSample: 24,
      data: packInts([1, -2, 3, -4, 5, -6], 24),
      chunksBefore: [{ id: 'LIST', body: new Uint8Array(5) }],
    });
    for (let length = 0; length < bytes.length; length++) {
      try {
        const audio = parseWav(bytes.subarray(0, length));
        expect(audio.warnings[0], `length ${length}`).toMatch(/^truncated WAV: .* missing/);
      } catch (error) {
        expect(error, `length ${length}`).toBeInstanceOf(WavFormatError);
      }
    }
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 2000; trial++) {
      const corrupt = bytes.slice();
      for (let k = 0; k < 3; k++) corrupt[Math.floor(random() * corrupt.length)] = Math.floor(random() * 256);
      try {
        parseWav(corrupt);
      } catch (error) {
        expect(error, `trial ${trial}`).toBeInstanceOf(WavFormatError);
      }
    }
  });
});
