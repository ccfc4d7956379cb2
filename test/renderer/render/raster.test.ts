import { describe, expect, it } from 'vitest';
import { columnFrames, rasterize, rowSpan, valueAt } from '../../../renderer/src/render/raster';
import type { Decimation, RasterRequest } from '../../../renderer/src/render/raster';
import { DECIMATIONS } from '../../../renderer/src/render/raster';
import { createReducedColumns } from '../../../renderer/src/render/reduced-columns';

/** A LUT whose entry k is the number k, so pixels read back as colour indices. */
const IDENTITY_LUT = Uint32Array.from({ length: 256 }, (_, k) => k);
const BACKGROUND = 999;

/** `[nRows, nFrames]` with value = band·1000 + frame, so every cell is recognisable. */
function labelled(nRows: number, nFrames: number): Float32Array {
  const data = new Float32Array(nRows * nFrames);
  for (let band = 0; band < nRows; band++)
    for (let t = 0; t < nFrames; t++) data[band * nFrames + t] = band * 1000 + t;
  return data;
}

function request(overrides: Partial<RasterRequest>): RasterRequest {
  return {
    data: new Float32Array(4 * 8),
    nRows: 4,
    nFrames: 8,
    view: { startFrame: 0, framesPerPixel: 1 },
    widthPx: 8,
    pixelRatio: 1,
    range: { lo: 0, hi: 256 },
    lut: IDENTITY_LUT,
    decimation: 'max',
    background: BACKGROUND,
    ...overrides,
  };
}

describe('rasterize', () => {
  it('one frame per column: pixel (row, x) shows band nRows−1−row at frame x', () => {
    const data = new Float32Array(4 * 8);
    for (let band = 0; band < 4; band++) for (let t = 0; t < 8; t++) data[band * 8 + t] = band * 10 + t;
    const pixels = rasterize(request({ data }));
    for (let row = 0; row < 4; row++) {
      for (let x = 0; x < 8; x++) expect(pixels[row * 8 + x]).toBe((3 - row) * 10 + x);
    }
  });

  it('maps the range linearly onto 256 entries and clamps outside it', () => {
    const data = new Float32Array([-5, 0, 0.5, 0.999, 1, 7, 0.25]);
    const pixels = rasterize(request({ data, nRows: 1, nFrames: 7, widthPx: 7, range: { lo: 0, hi: 1 } }));
    expect([...pixels]).toEqual([0, 0, 128, 255, 255, 255, 64]);
  });

  it('draws a frame not computed yet (NaN) in the pending colour, apart from every colour of the map', () => {
    const data = new Float32Array([0, Number.NaN, 1, Number.NaN]);
    const pixels = rasterize(
      request({ data, nRows: 1, nFrames: 4, widthPx: 4, range: { lo: 0, hi: 1 }, pending: 9999 }),
    );
    expect([...pixels]).toEqual([0, 9999, 255, 9999]);
  });

  it('max decimation: a column of 4 frames shows their maximum (a one-frame peak survives)', () => {
    const data = new Float32Array(16).fill(1);
    data[6] = 200;
    const pixels = rasterize(
      request({ data, nRows: 1, nFrames: 16, widthPx: 4, view: { startFrame: 0, framesPerPixel: 4 } }),
    );
    expect([...pixels]).toEqual([1, 200, 1, 1]);
  });

  it('absmax decimation keeps the sign of the largest magnitude', () => {
    const data = new Float32Array([0.1, -0.9, 0.5, 0.2]);
    const pixels = rasterize(
      request({
        data,
        nRows: 1,
        nFrames: 4,
        widthPx: 1,
        view: { startFrame: 0, framesPerPixel: 4 },
        range: { lo: -1, hi: 1 },
        decimation: 'absmax',
      }),
    );
    expect(pixels[0]).toBe(Math.floor(((-0.9 + 1) / 2) * 256));
  });

  it('columns partition the frames: every frame lands in exactly one column', () => {
    for (const framesPerPixel of [1.37, 2.5, 7.01, 43.2]) {
      const { start, end } = columnFrames(
        { startFrame: 0, framesPerPixel },
        Math.ceil(1000 / framesPerPixel),
        1,
        1000,
      );
      const seen = new Int32Array(1000);
      for (let x = 0; x < start.length; x++) for (let t = start[x]!; t < end[x]!; t++) seen[t]!++;
      expect(seen.every((count) => count === 1)).toBe(true);
    }
  });

  it('zoomed in: each frame fills several columns; devicePixelRatio 2 doubles the columns', () => {
    const data = labelled(1, 4);
    const pixels = rasterize(
      request({
        data,
        nRows: 1,
        nFrames: 4,
        widthPx: 8,
        view: { startFrame: 1, framesPerPixel: 0.5 },
        pixelRatio: 2,
      }),
    );
    expect([...pixels]).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('columns past the data get the background', () => {
    const pixels = rasterize(request({ data: labelled(1, 3), nRows: 1, nFrames: 3, widthPx: 5 }));
    expect([...pixels]).toEqual([0, 1, 2, BACKGROUND, BACKGROUND]);
  });

  it('writes into a caller’s buffer', () => {
    const out = new Uint32Array(32);
    expect(rasterize(request({ data: labelled(4, 8) }), out)).toBe(out);
  });

  it('fails clearly when data and shape disagree', () => {
    expect(() => rasterize(request({ data: new Float32Array(31) }))).toThrow(
      /holds 31 values, \[4, 8\] needs 32/,
    );
    expect(() => rasterize(request({ data: new Float32Array(32) }), new Uint32Array(3))).toThrow(
      /needs 8 × 4/,
    );
  });

  it('valueAt reads [band, frame] row-major and returns null outside', () => {
    const data = labelled(3, 5);
    expect(valueAt(data, 3, 5, 4, 2)).toBe(2004);
    expect(valueAt(data, 3, 5, 5, 0)).toBeNull();
    expect(valueAt(data, 3, 5, 0, -1)).toBeNull();
  });
});

describe('rasterize with more rows than pixels (a 512-channel layer output)', () => {
  it('pixel rows partition the rows: every channel lands in exactly one pixel row', () => {
    for (const rows of [1, 7, 130, 511, 512]) {
      const seen = new Int32Array(512);
      for (let row = 0; row < rows; row++) {
        const { first, end } = rowSpan(row, rows, 512);
        for (let r = first; r < end; r++) seen[r]!++;
      }
      expect(seen.every((count) => count === 1)).toBe(true);
    }
  });

  it('max decimation over channels: 8 rows in 2 pixel rows show each half’s maximum (top = high rows)', () => {
    const data = new Float32Array(8).fill(1); // [8 rows, 1 frame]
    data[6] = 200; // row 6: in the top half
    data[1] = 100; // row 1: in the bottom half
    const pixels = rasterize(request({ data, nRows: 8, nFrames: 1, widthPx: 1, rowsPx: 2 }));
    expect([...pixels]).toEqual([200, 100]);
  });

  it('absmax decimation over channels and frames keeps the sign of the largest magnitude', () => {
    const data = new Float32Array([0.1, 0.2, -0.9, 0.3, 0.5, -0.4, 0.05, 0.6]); // [4 rows, 2 frames]
    const pixels = rasterize(
      request({
        data,
        nRows: 4,
        nFrames: 2,
        widthPx: 1,
        rowsPx: 2,
        view: { startFrame: 0, framesPerPixel: 2 },
        range: { lo: -1, hi: 1 },
        decimation: 'absmax',
      }),
    );
    const colour = (v: number) => Math.floor(((v + 1) / 2) * 256);
    expect([...pixels]).toEqual([colour(0.6), colour(-0.9)]);
  });

  it('fails clearly when asked for more pixel rows than data rows', () => {
    expect(() => rasterize(request({ data: labelled(4, 8), rowsPx: 5 }))).toThrow(
      /rowsPx must be an integer in 1…4 \(the rows shown\), got 5/,
    );
  });
});

describe('rasterize: mean and min decimation, and the rows shown (frequency zoom)', () => {
  const four = { nRows: 1, nFrames: 8, widthPx: 2, view: { startFrame: 0, framesPerPixel: 4 } };

  it('mean decimation: a column of 4 frames shows their mean, so a pause stays dark at fit', () => {
    const data = new Float32Array([10, 20, 30, 40, 0, 0, 0, 200]);
    expect([...rasterize(request({ ...four, data, decimation: 'mean' }))]).toEqual([25, 50]);
  });

  it('min decimation shows the smallest; absmin the smallest magnitude with its sign', () => {
    const data = new Float32Array([10, 20, 3, 40, 0, 0, 0, 200]);
    expect([...rasterize(request({ ...four, data, decimation: 'min' }))]).toEqual([3, 0]);
    const signed = new Float32Array([0.9, -0.1, 0.5, 0.2, -0.6, 0.7, -0.3, 0.8]);
    const colour = (v: number) => Math.floor(((v + 1) / 2) * 256);
    const pixels = rasterize(
      request({ ...four, data: signed, range: { lo: -1, hi: 1 }, decimation: 'absmin' }),
    );
    expect([...pixels]).toEqual([colour(-0.1), colour(-0.3)]);
  });

  it('mean over squeezed rows averages the rows too', () => {
    const data = new Float32Array([10, 30, 50, 70]); // [4 rows, 1 frame]
    const pixels = rasterize(
      request({ data, nRows: 4, nFrames: 1, widthPx: 1, rowsPx: 2, decimation: 'mean' }),
    );
    expect([...pixels]).toEqual([60, 20]); // top pixel row: rows 3 and 2; bottom: rows 1 and 0
  });

  it('shows only rows [rowFirst, rowFirst + rowCount), the top one first', () => {
    const pixels = rasterize(
      request({
        data: labelled(4, 8),
        widthPx: 1,
        nFrames: 8,
        rowFirst: 1,
        rowCount: 2,
        range: { lo: 0, hi: 4096 },
        lut: Uint32Array.from({ length: 4096 }, (_, k) => k),
      }),
    );
    expect([...pixels]).toEqual([2000, 1000]);
  });

  it('fails clearly on rows outside the data', () => {
    expect(() => rasterize(request({ data: labelled(4, 8), rowFirst: 3, rowCount: 2 }))).toThrow(
      /rows shown \[3, 5\) must be integers inside the data's 4 rows/,
    );
  });
});

describe('a column with any frame not computed yet', () => {
  it.each(DECIMATIONS)('shows as pending under %s decimation, wherever the NaN falls in it', (decimation) => {
    for (const at of [0, 1, 3]) {
      const data = new Float32Array(8).fill(100);
      data[at] = Number.NaN;
      const pixels = rasterize(
        request({
          data,
          nRows: 1,
          nFrames: 8,
          widthPx: 2,
          view: { startFrame: 0, framesPerPixel: 4 },
          decimation,
          pending: 7777,
        }),
      );
      expect([...pixels]).toEqual([7777, 100]);
    }
  });

  it('shows as pending when a squeezed pixel row holds one pending row', () => {
    const data = new Float32Array(4 * 2).fill(50);
    data[2 * 2 + 1] = Number.NaN; // band 2, frame 1
    const pixels = rasterize(request({ data, nRows: 4, nFrames: 2, widthPx: 2, rowsPx: 2, pending: 7777 }));
    expect([...pixels]).toEqual([50, 7777, 50, 50]);
  });
});

describe('reduced columns kept between draws', () => {
  /** A result filling in: `[rows, frames]` all NaN, then parts of frames written in place. */
  function fillingDraws(decimation: Decimation, rowsPx: number) {
    const nRows = 6;
    const nFrames = 103;
    const whole = labelled(nRows, nFrames).map((v, i) => (i % 7 === 3 ? -v : v));
    const data = new Float32Array(nRows * nFrames).fill(Number.NaN);
    const base = {
      data,
      nRows,
      nFrames,
      widthPx: 17,
      rowsPx,
      view: { startFrame: 0, framesPerPixel: nFrames / 17 },
      range: { lo: -6000, hi: 6000 },
      decimation,
      pending: 7777,
    };
    const kept = createReducedColumns();
    const parts = [
      [40, 64],
      [0, 24],
      [64, 103],
      [24, 40],
    ] as const;
    const draws: { cached: number[]; fresh: number[] }[] = [];
    for (const [start, end] of parts) {
      for (let row = 0; row < nRows; row++)
        data.set(whole.subarray(row * nFrames + start, row * nFrames + end), row * nFrames + start);
      draws.push({
        cached: [...rasterize(request(base), undefined, kept)],
        fresh: [...rasterize(request({ ...base, data: data.slice() }))],
      });
    }
    return draws;
  }

  it.each(DECIMATIONS)(
    'give the pixels of a fresh draw after every part of a filling result (%s)',
    (decimation) => {
      for (const rowsPx of [6, 4, 1]) {
        for (const { cached, fresh } of fillingDraws(decimation, rowsPx)) expect(cached).toEqual(fresh);
      }
    },
  );

  it('are reduced again when the view, the decimation or the array changes, and not otherwise', () => {
    const data = labelled(2, 40);
    const kept = createReducedColumns();
    const base = { data, nRows: 2, nFrames: 40, widthPx: 10, view: { startFrame: 0, framesPerPixel: 4 } };
    rasterize(request(base), undefined, kept);
    const values = kept.values;
    expect([...kept.open]).toEqual(new Array(10).fill(0));
    // Same array and geometry, another colour range: the kept values are used as they are.
    kept.values[0] = 123;
    expect(rasterize(request({ ...base, range: { lo: 0, hi: 512 } }), undefined, kept)[0]).toBe(61);
    // Another view, decimation or array: everything again.
    for (const change of [
      { view: { startFrame: 4, framesPerPixel: 4 } },
      { decimation: 'mean' as const },
      { data: data.slice() },
    ]) {
      kept.values[0] = 123;
      const pixels = rasterize(request({ ...base, ...change }), undefined, kept);
      expect(pixels).toEqual(rasterize(request({ ...base, ...change })));
    }
    expect(kept.values).toBe(values); // the same buffer, reused
  });

  it('read at most their budget of values a draw, the rest pending, and complete over several draws', () => {
    const nRows = 4;
    const nFrames = 100;
    const data = labelled(nRows, nFrames);
    const base = {
      data,
      nRows,
      nFrames,
      widthPx: 10,
      view: { startFrame: 0, framesPerPixel: 10 },
      range: { lo: 0, hi: 4000 },
      pending: 7777,
    };
    const fresh = [...rasterize(request(base))];
    const kept = createReducedColumns(3 * 10 * nRows); // three columns of 10 frames × 4 rows a draw
    const draws: number[][] = [];
    do draws.push([...rasterize(request(base), undefined, kept)]);
    while (kept.deferred > 0 && draws.length < 10);
    expect(draws).toHaveLength(4); // 3 + 3 + 3 + 1 columns
    // The first draw: columns 0–2 as they are, 3–9 pending.
    for (let row = 0; row < nRows; row++) {
      const line = draws[0]!.slice(row * 10, row * 10 + 10);
      expect(line.slice(0, 3)).toEqual(fresh.slice(row * 10, row * 10 + 3));
      expect(line.slice(3)).toEqual(new Array(7).fill(7777));
    }
    expect(draws.at(-1)).toEqual(fresh);
    // A budget below one column still reduces one a draw.
    const tiny = createReducedColumns(1);
    rasterize(request(base), undefined, tiny);
    expect(tiny.deferred).toBe(9);
  });
});
