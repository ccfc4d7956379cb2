/**
 * Sorting opened files into inputs and weights by their first bytes and name, the same way in
 * both hosts. See `OpenIntent` for the rules.
 */
import { detectWeightFile, sniffAudio } from '../formats/detect';
import { isNpy } from '../formats/npy';
import type { OpenIntent } from './contract';

export type FileRole = 'audio' | 'spectrogram' | 'weights';

/** `.npy` files named like one state_dict tensor (`postnet.convolutions.0.0.conv.weight.npy`). */
const STATE_DICT_NPY = /(?:^|\.)(?:weight|bias|running_mean|running_var|num_batches_tracked)\.npy$/i;

/**
 * What one opened item is, by content first. `bytes` is the file (only its first bytes are read,
 * and its length for safetensors); folders are always weights. Audio by content (WAV, and MP3,
 * FLAC, Ogg… which the WAV reader then refuses, saying how to convert them) is audio whatever the
 * intent: a WAV dropped on the weights panel opens as the input. Otherwise, with intent `weights`
 * every file is weights; for `audio` and `auto` alike: an `.npy` named like a state_dict tensor
 * is weights, any other `.npy` a spectrogram; content the weights reader recognises (`.npz`/ZIP,
 * torch.save, JSON, HDF5, safetensors) is weights, as a drop makes it. They differ only in what
 * nothing recognises: `auto` hands it to the weights reader, `audio` (Open…) to the WAV reader,
 * whose message says what it looks like.
 */
export function classifyFile(
  name: string,
  bytes: Uint8Array,
  intent: OpenIntent,
  isFolder = false,
): FileRole {
  if (isFolder) return 'weights';
  if (sniffAudio(bytes)) return 'audio';
  if (intent === 'weights') return 'weights';
  if (isNpy(bytes)) return STATE_DICT_NPY.test(name) ? 'weights' : 'spectrogram';
  if (detectWeightFile(bytes) !== 'unknown') return 'weights';
  return intent === 'audio' ? 'audio' : 'weights';
}
