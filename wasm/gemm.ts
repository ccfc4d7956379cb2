// AssemblyScript (compiled by wasm/build.mjs, not by tsc).
// The one micro-kernel every conv path runs: a register block of 8 output channels (two f32x4,
// lanes over channels) × 4 frames, 8 accumulators. Measured on the project's machine (V8 11.3 and
// Chromium): 8 accumulators keep ~87 % of the 128-bit FMA peak (~96 % of the mul+add peak); 9 or
// more make V8 spill and fall to 35–50 %, whatever their shape (docs/engine.md). Its weights
// stream from L1 (8 channels × 128 inputs = 4 KB a block) and it sums channels in blocks.
import { madd } from './simd';

/** Output channels one block computes: two f32x4 of weights. */
export const BLOCK_CHANNELS: i32 = 8;
/** Frames one block computes. */
export const BLOCK_FRAMES: i32 = 4;

/** How a block's accumulators start: from the bias, from what y holds (a later tap), or from 0. */
export const START_BIAS: i32 = 0;
export const START_ADD: i32 = 1;
export const START_ZERO: i32 = 2;

/**
 * Input channels summed into fresh accumulators before they are added to the output tile: a
 * blocked sum whose float32 error grows with 128 + nIn / 128 terms rather than nIn (about half the
 * error for 512 channels), for one extra load, add and store of the block per 128 channels.
 */
export const CHANNEL_BLOCK: i32 = 128;

/**
 * y[f][o] = start + Σ_{c < nIn} w[block(o)][c][lane(o)] · x[f][c], for frames f < nFrames (a
 * multiple of 4) and nBlocks blocks of 8 channels; all f32, byte addresses and byte strides:
 *   w  `[nBlocks][nIn][8]` contiguous
 *   x  frame f, channel c at x + f·xFrameStep + 4c (xFrameStep = stride · the tile's row)
 *   y  frame f, channel 8b + l at y + f·yFrameStep + 32b + 4l
 *   bias `[nBlocks · 8]` (read for START_BIAS only)
 * Summation order per output: start, then the sums of channels [0, 128), [128, 256), … each
 * taken in order from zero: the same whatever the frame's position or the chunk it is in.
 */
export function gemm(
  w: usize,
  x: usize,
  xFrameStep: usize,
  y: usize,
  yFrameStep: usize,
  bias: usize,
  nBlocks: i32,
  nIn: i32,
  nFrames: i32,
  start: i32,
): void {
  const wBlockBytes = <usize>nIn * 32;
  for (let b = 0; b < nBlocks; b++) {
    const wBlock = w + <usize>b * wBlockBytes;
    const yBlock = y + <usize>b * 32;
    for (let f = 0; f < nFrames; f += 4) {
      const y0 = yBlock + <usize>f * yFrameStep;
      if (start != START_ADD) startBlock(y0, yFrameStep, start == START_BIAS ? bias + <usize>b * 32 : 0);
      for (let c0 = 0; c0 < nIn; c0 += CHANNEL_BLOCK) {
        const c1 = min(nIn, c0 + CHANNEL_BLOCK);
        sumChannels(
          wBlock + <usize>c0 * 32,
          x + <usize>f * xFrameStep + <usize>c0 * 4,
          xFrameStep,
          y0,
          yFrameStep,
          c1 - c0,
        );
      }
    }
  }
}

/** Writes the bias (or zeros, when bias is 0) into the 4 frames × 8 channels of a block. */
function startBlock(y0: usize, yFrameStep: usize, bias: usize): void {
  const b0 = bias ? v128.load(bias) : f32x4.splat(0);
  const b1 = bias ? v128.load(bias, 16) : f32x4.splat(0);
  for (let f = 0; f < 4; f++) {
    const yf = y0 + <usize>f * yFrameStep;
    v128.store(yf, b0);
    v128.store(yf, b1, 16);
  }
}

/** Adds Σ_{c < n} w[c] · x[f][c], taken from zero in 8 registers, to the block's 4 frames × 8 channels. */
function sumChannels(wp: usize, xp: usize, xFrameStep: usize, y0: usize, yFrameStep: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let a00 = zero,
    a01 = zero,
    a02 = zero,
    a03 = zero,
    a10 = zero,
    a11 = zero,
    a12 = zero,
    a13 = zero;
  for (let c = 0; c < n; c++) {
    const w0 = v128.load(wp);
    const w1 = v128.load(wp, 16);
    let s = v128.load32_splat(xp);
    a00 = madd(w0, s, a00);
    a10 = madd(w1, s, a10);
    s = v128.load32_splat(xp + xFrameStep);
    a01 = madd(w0, s, a01);
    a11 = madd(w1, s, a11);
    s = v128.load32_splat(xp + 2 * xFrameStep);
    a02 = madd(w0, s, a02);
    a12 = madd(w1, s, a12);
    s = v128.load32_splat(xp + 3 * xFrameStep);
    a03 = madd(w0, s, a03);
    a13 = madd(w1, s, a13);
    wp += 32;
    xp += 4;
  }
  const y1 = y0 + yFrameStep;
  const y2 = y1 + yFrameStep;
  const y3 = y2 + yFrameStep;
  v128.store(y0, f32x4.add(v128.load(y0), a00));
  v128.store(y0, f32x4.add(v128.load(y0, 16), a10), 16);
  v128.store(y1, f32x4.add(v128.load(y1), a01));
  v128.store(y1, f32x4.add(v128.load(y1, 16), a11), 16);
  v128.store(y2, f32x4.add(v128.load(y2), a02));
  v128.store(y2, f32x4.add(v128.load(y2, 16), a12), 16);
  v128.store(y3, f32x4.add(v128.load(y3), a03));
  v128.store(y3, f32x4.add(v128.load(y3, 16), a13), 16);
}
