/**
 * The largest mel settings the front end accepts: the one place these ranges live (the mel
 * validator and the API's request validator both read them).
 */

/** Highest sample rate: above every rate audio is distributed at (768 kHz is the highest in use). */
export const MAX_SAMPLE_RATE_HZ = 1_000_000;

/** Largest FFT (and so window) size: 2^16 samples is 3 s at 22050 Hz, far beyond any mel front end. */
export const MAX_N_FFT = 1 << 16;

/**
 * Most mel bands: 50× Tacotron 2's 80 (models use 80–128). The filterbank is `[nMels, nFft/2 + 1]`
 * float32, so this bound with MAX_N_FFT keeps it at 512 MiB; small FFTs leave bands empty well
 * before it (22050 Hz, nFft 1024, 0–8000 Hz: under 280 bands), which the empty-band check reports.
 */
export const MAX_N_MELS = 4096;

/**
 * Most values a log-mel spectrogram may hold: 2^29 float32 is 2 GiB (80 bands × 6.7 million
 * frames, 21 h at Tacotron 2's hop; the audio cap stops real files long before). Checked before
 * the output is allocated, so a tiny hop or a huge band count is refused by name, not by a
 * RangeError from the allocator.
 */
export const MAX_MEL_VALUES = 2 ** 29;
