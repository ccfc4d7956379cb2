/**
 * How to get mel spectrograms with a given number of bands, in the words of where the user is:
 * a command-line option (the CLI, the default) or the window's Mel settings (the app's workers).
 * Band-count errors end with it, so each says the fix the reader can actually apply.
 */
export type AdviceFor = 'cli' | 'app';

/**
 * `(--n-mels 64 on the command line)`, or in the window
 * `(set n_mels to 64 in Mel settings… in the input panel, then load them again)` with `then`.
 */
export function nMelsAdvice(nMels: number, adviceFor: AdviceFor = 'cli', then?: string): string {
  if (adviceFor === 'cli') return `(--n-mels ${nMels} on the command line)`;
  return `(set n_mels to ${nMels} in Mel settings… in the input panel${then ? `, then ${then}` : ''})`;
}
