/* This CPU's single-core float32 multiply-add peak, for `npm run bench -- postnet` (compiled there
 * with the machine's cc: -O2 -march=native): 12 independent accumulators per vector width,
 * acc = acc·m + c, nothing loaded, best of 5. Prints one JSON object of GFLOP/s: 128-bit FMA,
 * 128-bit mul then add, 256-bit FMA, and 512-bit FMA where the compiler targets AVX-512. */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

#define ITER 20000000L
#define RUNS 5
static volatile float sink;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/* One kernel per width: V vector type, SET splat, STEP(a) the update, LANES floats per vector. */
#define KERNEL(name, V, SET, STEP, ADD, FIRST, LANES)                                        \
  static double name(void) {                                                                 \
    double best = 1e9;                                                                       \
    for (int r = 0; r < RUNS; r++) {                                                         \
      V m = SET(0.999f), c = SET(0.001f);                                                    \
      V a0 = SET(0), a1 = SET(1), a2 = SET(2), a3 = SET(3), a4 = SET(4), a5 = SET(5);        \
      V a6 = SET(6), a7 = SET(7), a8 = SET(8), a9 = SET(9), a10 = SET(10), a11 = SET(11);    \
      double t0 = now();                                                                     \
      for (long i = 0; i < ITER; i++) {                                                      \
        a0 = STEP(a0); a1 = STEP(a1); a2 = STEP(a2); a3 = STEP(a3); a4 = STEP(a4);           \
        a5 = STEP(a5); a6 = STEP(a6); a7 = STEP(a7); a8 = STEP(a8); a9 = STEP(a9);           \
        a10 = STEP(a10); a11 = STEP(a11);                                                    \
      }                                                                                      \
      double t = now() - t0;                                                                 \
      if (t < best) best = t;                                                                \
      V s = ADD(ADD(ADD(a0, a1), ADD(a2, a3)), ADD(ADD(a4, a5), ADD(a6, a7)));               \
      s = ADD(s, ADD(ADD(a8, a9), ADD(a10, a11)));                                           \
      sink = FIRST(s);                                                                       \
    }                                                                                        \
    return ITER * 12.0 * 2 * LANES / best / 1e9;                                             \
  }

#define FMA128(a) _mm_fmadd_ps(a, m, c)
#define MULADD128(a) _mm_add_ps(_mm_mul_ps(a, m), c)
#define FMA256(a) _mm256_fmadd_ps(a, m, c)
KERNEL(fma128, __m128, _mm_set1_ps, FMA128, _mm_add_ps, _mm_cvtss_f32, 4)
KERNEL(muladd128, __m128, _mm_set1_ps, MULADD128, _mm_add_ps, _mm_cvtss_f32, 4)
KERNEL(fma256, __m256, _mm256_set1_ps, FMA256, _mm256_add_ps, _mm256_cvtss_f32, 8)
#ifdef __AVX512F__
#define FMA512(a) _mm512_fmadd_ps(a, m, c)
static float first512(__m512 s) { return _mm512_cvtss_f32(s); }
KERNEL(fma512, __m512, _mm512_set1_ps, FMA512, _mm512_add_ps, first512, 16)
#endif

int main(void) {
  printf("{\"fma128\": %.1f, \"muladd128\": %.1f, \"fma256\": %.1f", fma128(), muladd128(), fma256());
#ifdef __AVX512F__
  printf(", \"fma512\": %.1f", fma512());
#endif
  printf("}\n");
  return 0;
}
