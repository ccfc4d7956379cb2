import { describe, expect, it } from 'vitest';
import { encodeTensorExport, tensorCsv, tensorExportName } from '../../../shared/export/tensor';
import { parseNpy } from '../../../shared/formats/npy';
import { defaultEncoderTensors } from '../../../shared/model/default-encoder';
import { makeTensor } from '../../../shared/tensor';

describe('one tensor exported', () => {
  const weight = makeTensor(
    'float32',
    [2, 3, 2],
    Float32Array.from({ length: 12 }, (_, i) => i / 4 - 1),
  );

  it('.csv: the index columns, then the last axis, one row per index', () => {
    expect(tensorCsv(weight).split('\n')).toEqual([
      'dim0,dim1,0,1',
      '0,0,-1,-0.75',
      '0,1,-0.5,-0.25',
      '0,2,0,0.25',
      '1,0,0.5,0.75',
      '1,1,1,1.25',
      '1,2,1.5,1.75',
      '',
    ]);
    expect(tensorCsv(makeTensor('int64', [], Float64Array.of(7)))).toBe('value\n7\n');
    expect(tensorCsv(makeTensor('float32', [3], Float32Array.of(0.1, NaN, -Infinity)))).toBe(
      '0,1,2\n0.1,nan,-inf\n',
    );
  });

  it('.npy keeps dtype and shape; the name is the key (a folder of them loads back)', () => {
    const encoded = encodeTensorExport({
      format: 'npy',
      fileName: 'w.npy',
      key: 'w',
      tensor: weight,
      weights: { name: 'x.pt', sha256: null, isDefault: false, residual: true },
      appVersion: '0.1.0',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    const back = parseNpy(encoded.file);
    expect([back.dtype, back.shape, Array.from(back.data)]).toEqual([
      'float32',
      [2, 3, 2],
      Array.from(weight.data),
    ]);
    expect(tensorExportName('postnet.convolutions.0.0.conv.weight', 'npy')).toBe(
      'postnet.convolutions.0.0.conv.weight.npy',
    );
    expect(tensorExportName('a/b:c', 'csv')).toBe('a_b_c.csv');
  });
});

describe('the default encoder', () => {
  it('is Tacotron 2’s encoder convolutions, the same numbers every time, within the Xavier (relu) bound', () => {
    const a = defaultEncoderTensors();
    const b = defaultEncoderTensors();
    expect([...a.keys()].length).toBe(21);
    const w = a.get('encoder.convolutions.0.0.conv.weight')!;
    expect(w.shape).toEqual([512, 512, 5]);
    expect(Array.from(w.data.subarray(0, 8))).toEqual(
      Array.from(b.get('encoder.convolutions.0.0.conv.weight')!.data.subarray(0, 8)),
    );
    const bound = Math.SQRT2 * Math.sqrt(6 / (512 * 5 + 512 * 5));
    let max = 0;
    for (const v of w.data) max = Math.max(max, Math.abs(v));
    expect(max).toBeLessThanOrEqual(bound);
    expect(max).toBeGreaterThan(bound * 0.99);
  });
});
