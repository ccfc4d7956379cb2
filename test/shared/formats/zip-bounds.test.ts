/**
 * Zip bombs and lying directories (issue 9's fuzz findings): every declared size is checked
 * against the file and the caps before anything is allocated, and inflating stops at the
 * declared size. Each crafted archive is about 1 MB.
 */
import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { viewOf } from '../../../shared/formats/bytes';
import { inflateBudget, MAX_INFLATED_BYTES, RATIO_FREE_BYTES } from '../../../shared/formats/limits';
import { parseNpz } from '../../../shared/formats/npz';
import { readZipEntries, writeZip } from '../../../shared/formats/zip';
import { craftZip, npzBomb, npzHugeDeclared, npzUnderstated } from '../../helpers/crafted';

const GiB = 2 ** 30;

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WeightsFormatError);
    return (error as Error).message;
  }
  throw new Error('expected a WeightsFormatError, nothing was thrown');
}

describe('the ZIP reader refuses before allocating', () => {
  it('a 1 MB member that honestly inflates to 1 GiB (ratio above 16:1 past 64 MiB)', () => {
    const bomb = npzBomb(GiB);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(refusal(() => parseNpz(bomb, 'bomb.npz'))).toMatch(
      /^bomb\.npz: member 'bomb\.npy': the archive's compressed members would inflate to more than 64\.0 MiB \(1\.0 GiB so far from a 1020 KiB file; .*save it uncompressed with np\.savez$/,
    );
  });

  it('a directory that declares 1,000 bytes for a member that inflates to 1 GiB: stops at 1,000', () => {
    const liar = npzUnderstated(GiB, 1000);
    expect(refusal(() => parseNpz(liar, 'liar.npz'))).toBe(
      "liar.npz: member 'liar.npy': inflates to more than the 1000 bytes the directory declares (damaged or crafted data)",
    );
  });

  it('a declared size of 0xFFFFFFFF from 140 compressed bytes (more than deflate can give)', () => {
    const message = refusal(() => parseNpz(npzHugeDeclared(0xffffffff, false), 'ffff.npz'));
    expect(message).toMatch(
      /^ffff\.npz: member 'huge\.npy': damaged or crafted ZIP: declares 4\.0 GiB from \d+ compressed bytes, more than deflate can produce \(1032:1\)$/,
    );
  });

  it('a ZIP64 size of 2^40 bytes', () => {
    const message = refusal(() => parseNpz(npzHugeDeclared(2 ** 40, true), 'zip64.npz'));
    expect(message).toMatch(
      /^zip64\.npz: member 'huge\.npy': damaged or crafted ZIP: declares 1\.0 TiB from \d+/,
    );
  });

  it('many directory entries that all point at one member (overlapping files)', () => {
    const one = npzBomb(48 * 1024 * 1024);
    const [entry] = readZipEntries(one, 'one.npz');
    const body = one.subarray(30 + 'bomb.npy'.length, 30 + 'bomb.npy'.length + entry!.compressedSize);
    const spec = {
      name: 'bomb.npy',
      body,
      method: 8 as const,
      crc: 0,
      declaredSize: entry!.uncompressedSize,
    };
    const overlapping = craftZip([spec]);
    // Ten directory entries for the one local header: 480 MiB claimed from a 50 KB file.
    const view = viewOf(overlapping);
    const end = overlapping.length - 22;
    const centralAt = view.getUint32(end + 16, true);
    const central = overlapping.subarray(centralAt, end);
    const many = new Uint8Array(centralAt + central.length * 10 + 22);
    many.set(overlapping.subarray(0, centralAt));
    for (let i = 0; i < 10; i++) many.set(central, centralAt + i * central.length);
    many.set(overlapping.subarray(end), centralAt + central.length * 10);
    const mv = viewOf(many);
    mv.setUint16(many.length - 22 + 8, 10, true);
    mv.setUint16(many.length - 22 + 10, 10, true);
    mv.setUint32(many.length - 22 + 12, central.length * 10, true);
    expect(refusal(() => readZipEntries(many, 'many.npz'))).toMatch(
      /would inflate to more than 64\.0 MiB \(96\.0 MiB so far/,
    );
  });

  it('a directory that claims more entries than the file has room for', () => {
    const bytes = writeZip([{ name: 'a.npy', data: new Uint8Array(8) }], { compress: false });
    const view = viewOf(bytes);
    view.setUint16(bytes.length - 22 + 10, 0xfffe, true);
    expect(refusal(() => readZipEntries(bytes, 'w.npz'))).toMatch(
      /^w\.npz: damaged ZIP: the directory declares 65534 entries at byte offset \d+, the \d+-byte file has room for at most 1 there$/,
    );
  });
});

describe('the inflate budget', () => {
  it('is 64 MiB for small files, 16× the file above that, 2 GiB at most', () => {
    expect(inflateBudget(1000)).toBe(RATIO_FREE_BYTES);
    expect(inflateBudget(100 * 1024 * 1024)).toBe(1600 * 1024 * 1024);
    expect(inflateBudget(1024 * 1024 * 1024)).toBe(MAX_INFLATED_BYTES);
  });

  it('lets a real np.savez_compressed archive through (48 MiB of zeros from a small file)', () => {
    expect(() => readZipEntries(npzBomb(48 * 1024 * 1024), 'ok.npz')).not.toThrow();
  });
});
