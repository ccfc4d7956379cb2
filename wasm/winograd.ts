// AssemblyScript (compiled by wasm/build.mjs, not by tsc).
// The data transforms of a minimal-filtering (Winograd) conv F(m, r), α = m + r − 1 input
// frames per tile of m output frames; the matrices are made (in float64, rounded once) by
// shared/backend/wasm/winograd.ts and passed in as f32 `[rows][α]`. Between the two transforms
// the kernel runs α independent gemm calls, one per transformed point ξ. Lanes run over channels,
// so neither transform shuffles.
import { madd } from './simd';

/**
 * v[ξ][j][c] = Σ_i bt[ξ][i] · x[j·m + i][c] for tiles j < nTiles, channels c < 4·nC4.
 * x: frame f at x + f·xFrameStep; v: tile j of point ξ at v + ξ·vPointStep + j·vTileStep.
 */
export function winogradInput(
  bt: usize,
  alpha: i32,
  m: i32,
  x: usize,
  xFrameStep: usize,
  v: usize,
  vTileStep: usize,
  vPointStep: usize,
  nTiles: i32,
  nC4: i32,
): void {
  const tileStep = <usize>m * xFrameStep;
  for (let j = 0; j < nTiles; j++) {
    const xTile = x + <usize>j * tileStep;
    const vTile = v + <usize>j * vTileStep;
    for (let xi = 0; xi < alpha; xi++) {
      const row = bt + <usize>(xi * alpha) * 4;
      const vRow = vTile + <usize>xi * vPointStep;
      for (let c = 0; c < nC4; c++) {
        let acc = f32x4.splat(0);
        let xp = xTile + <usize>c * 16;
        for (let i = 0; i < alpha; i++) {
          acc = madd(v128.load32_splat(row + <usize>i * 4), v128.load(xp), acc);
          xp += xFrameStep;
        }
        v128.store(vRow + <usize>c * 16, acc);
      }
    }
  }
}

/**
 * y[j·m + r][o] = bias[o] + Σ_ξ at[r][ξ] · mm[ξ][j][o] for tiles j < nTiles, r < m, o < 4·nO4.
 * mm: tile j of point ξ at mm + ξ·mPointStep + j·mTileStep; y: frame f at y + f·yFrameStep.
 */
export function winogradOutput(
  at: usize,
  alpha: i32,
  m: i32,
  mm: usize,
  mTileStep: usize,
  mPointStep: usize,
  bias: usize,
  y: usize,
  yFrameStep: usize,
  nTiles: i32,
  nO4: i32,
): void {
  for (let j = 0; j < nTiles; j++) {
    const mTile = mm + <usize>j * mTileStep;
    for (let r = 0; r < m; r++) {
      const row = at + <usize>(r * alpha) * 4;
      const yRow = y + <usize>(j * m + r) * yFrameStep;
      for (let o = 0; o < nO4; o++) {
        let acc = v128.load(bias + <usize>o * 16);
        let mp = mTile + <usize>o * 16;
        for (let xi = 0; xi < alpha; xi++) {
          acc = madd(v128.load32_splat(row + <usize>xi * 4), v128.load(mp), acc);
          mp += mPointStep;
        }
        v128.store(yRow + <usize>o * 16, acc);
      }
    }
  }
}
