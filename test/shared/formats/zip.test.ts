import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { viewOf } from '../../../shared/formats/bytes';
import { extractZipEntry, readZipEntries, writeZip } from '../../../shared/formats/zip';
import { readFixture } from '../../helpers/fixtures';

const NAME = 'a.npy';
const DATA = Uint8Array.from({ length: 40 }, (_, i) => i);

/** One member, stored or deflated, with the byte offsets tests edit. */
function archive(compress = false): { bytes: Uint8Array; central: number; end: number; body: number } {
  const bytes = writeZip([{ name: NAME, data: DATA }], { compress });
  const end = bytes.length - 22;
  const central = viewOf(bytes).getUint32(end + 16, true);
  return { bytes, central, end, body: 30 + NAME.length };
}

/** Reads the archive's one member, as parseNpz does. */
function extractOnly(bytes: Uint8Array): Uint8Array {
  const [entry] = readZipEntries(bytes, 'w.npz');
  return extractZipEntry(bytes, entry!, 'w.npz');
}

function failsWith(run: () => unknown, message: string | RegExp): void {
  expect(run).toThrow(WeightsFormatError);
  expect(run).toThrow(message);
}

describe('the ZIP reader (one stored and one deflated member as writeZip makes them)', () => {
  it('reads back what it wrote', () => {
    expect(extractOnly(archive(false).bytes)).toEqual(DATA);
    expect(extractOnly(archive(true).bytes)).toEqual(DATA);
  });
});

describe('the ZIP reader fails clearly', () => {
  it('when the central directory entry is not where the end record says', () => {
    const { bytes, end } = archive();
    viewOf(bytes).setUint32(end + 16, 3, true);
    failsWith(
      () => readZipEntries(bytes, 'w.npz'),
      'w.npz: damaged ZIP: central directory entry 1 of 1 missing at byte offset 3',
    );
  });

  it('when the end record points to ZIP64 but there is no ZIP64 locator', () => {
    const { bytes, end } = archive();
    viewOf(bytes).setUint16(end + 10, 0xffff, true);
    failsWith(
      () => readZipEntries(bytes, 'w.npz'),
      'w.npz: damaged ZIP64: no ZIP64 end-of-central-directory locator',
    );
  });

  it('when the ZIP64 locator points to no ZIP64 end record', () => {
    const bytes = readFixture('weights', 'npz', 'zip64.npz').slice();
    const locator = bytes.length - 22 - 20;
    const record = Number(viewOf(bytes).getBigUint64(locator + 8, true));
    bytes[record] = 0; // break the record's signature
    failsWith(
      () => readZipEntries(bytes, 'zip64.npz'),
      `zip64.npz: damaged ZIP64: no ZIP64 end record at byte offset ${record}`,
    );
  });

  it('when the member is encrypted', () => {
    const { bytes, central } = archive();
    viewOf(bytes).setUint16(central + 8, 1, true);
    failsWith(() => extractOnly(bytes), "w.npz: member 'a.npy' is encrypted");
  });

  it('when there is no local header where the directory says', () => {
    const { bytes, central } = archive();
    viewOf(bytes).setUint32(central + 42, 7, true);
    failsWith(
      () => extractOnly(bytes),
      "w.npz: member 'a.npy': no local header at byte offset 7 (damaged ZIP)",
    );
  });

  it('when the directory declares more bytes than the whole file has', () => {
    const { bytes, central } = archive();
    viewOf(bytes).setUint32(central + 20, 100_000, true);
    failsWith(
      () => readZipEntries(bytes, 'w.npz'),
      `w.npz: member 'a.npy': damaged ZIP: declares 100000 bytes at byte offset 0, the file has ${bytes.length}`,
    );
  });

  it('when the member data runs past the end of the file', () => {
    const { bytes, central, body } = archive(true);
    const size = bytes.length - 5;
    viewOf(bytes).setUint32(central + 20, size, true);
    viewOf(bytes).setUint32(18, size, true); // the local header says the same
    failsWith(
      () => extractOnly(bytes),
      `w.npz: member 'a.npy': truncated: ${size} bytes from byte offset ${body}, the file ends at ${bytes.length}`,
    );
  });

  it('when the local header and the directory disagree on a size', () => {
    const { bytes } = archive(true);
    viewOf(bytes).setUint32(22, DATA.length + 7, true);
    failsWith(
      () => extractOnly(bytes),
      `w.npz: member 'a.npy': damaged ZIP: the local header says ${DATA.length + 7} uncompressed bytes, the directory ${DATA.length}`,
    );
  });

  it('on a compression method other than stored and deflate', () => {
    const { bytes, central } = archive();
    viewOf(bytes).setUint16(central + 10, 12, true); // bzip2
    failsWith(
      () => extractOnly(bytes),
      "w.npz: member 'a.npy' uses ZIP compression method 12; only stored (0) and deflate (8) are supported, as np.savez writes",
    );
  });

  it('when a stored member declares another size than it holds', () => {
    const { bytes, central } = archive();
    viewOf(bytes).setUint32(central + 24, DATA.length + 1, true);
    failsWith(
      () => extractOnly(bytes),
      `w.npz: member 'a.npy': damaged ZIP: a stored member declares ${DATA.length + 1} bytes but holds ${DATA.length}`,
    );
  });

  it('when deflated data inflates to less than the directory says', () => {
    const { bytes, central } = archive(true);
    viewOf(bytes).setUint32(central + 24, DATA.length + 1, true);
    viewOf(bytes).setUint32(22, DATA.length + 1, true);
    failsWith(
      () => extractOnly(bytes),
      `w.npz: member 'a.npy': ${DATA.length} bytes after decompression, the directory says ${DATA.length + 1}`,
    );
  });

  it('when deflated data inflates to more than the directory says (stops there)', () => {
    const { bytes, central } = archive(true);
    viewOf(bytes).setUint32(central + 24, DATA.length - 1, true);
    viewOf(bytes).setUint32(22, DATA.length - 1, true);
    failsWith(
      () => extractOnly(bytes),
      `w.npz: member 'a.npy': inflates to more than the ${DATA.length - 1} bytes the directory declares (damaged or crafted data)`,
    );
  });

  it('when deflated data cannot be inflated', () => {
    const { bytes, body } = archive(true);
    bytes[body] = 0x07; // final block of the reserved type 3
    failsWith(
      () => extractOnly(bytes),
      /^w\.npz: member 'a\.npy': cannot inflate: .+ \(damaged or truncated data\)$/,
    );
  });
});

describe('writeZip fails clearly', () => {
  it('on a member of 4 GiB, which needs ZIP64 (the buffer is never touched, so never committed)', () => {
    const huge = new Uint8Array(2 ** 32);
    expect(() => writeZip([{ name: 'huge.npy', data: huge }], { compress: false })).toThrow(
      "writeZip: member 'huge.npy' is too large for a ZIP without ZIP64",
    );
  });
});
