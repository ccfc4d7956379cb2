/**
 * Sorting opened files into inputs and weights by their first bytes and name, the same way in
 * both hosts. See `OpenIntent` for the rules.
 */
import type { OpenIntent } from './contract';

export type FileRole = 'audio' | 'spectrogram' | 'weights';

/** `.npy` files named like one state_dict tensor (`postnet.convolutions.0.0.conv.weight.npy`). */
const STATE_DICT_NPY = /(?:^|\.)(?:weight|bias|running_mean|running_var|num_batches_tracked)\.npy$/i;

function startsWith(bytes: Uint8Array, offset: number, text: string): boolean {
  if (bytes.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

export function isRiffWave(head: Uint8Array): boolean {
  return startsWith(head, 0, 'RIFF') && startsWith(head, 8, 'WAVE');
}

export function isNpy(head: Uint8Array): boolean {
  return head[0] === 0x93 && startsWith(head, 1, 'NUMPY');
}

/**
 * What one opened item is. `head` is the file's first bytes (12 are enough); folders are always
 * weights. With intent `audio` every file is an input: `.npy` as a spectrogram, anything else as
 * a WAV (a non-WAV then fails with the WAV reader's message).
 */
export function classifyFile(name: string, head: Uint8Array, intent: OpenIntent, isFolder = false): FileRole {
  if (isFolder || intent === 'weights') return 'weights';
  if (intent === 'audio') return isNpy(head) ? 'spectrogram' : 'audio';
  if (isRiffWave(head)) return 'audio';
  if (isNpy(head)) return STATE_DICT_NPY.test(name) ? 'weights' : 'spectrogram';
  return 'weights';
}
