/**
 * How a weights file is described beside its tensors: its format's name, and a training
 * checkpoint's entries that are not weights. The CLI's warnings and the weights panel's facts read
 * the same words; this module imports no reader, so the window can use it without them.
 */
import type { IgnoredEntry } from '../formats/checkpoint';
import type { WeightFileInfo, WeightFormat } from './read';

/** What each format is called in messages and the weights panel. */
export const FORMAT_NAMES: Readonly<Record<WeightFormat, string>> = {
  npy: '.npy',
  npz: '.npz (NumPy)',
  json: 'JSON',
  safetensors: '.safetensors',
  'torch-zip': 'PyTorch torch.save (zip)',
  'torch-legacy': 'PyTorch torch.save (legacy, before 1.6)',
};

/** Descriptions that read as a kind (`dict of 2 entries`) rather than as a value (`1000`). */
const KIND_DESCRIPTION = /^(dict|OrderedDict|list|tuple|set|tensor|bytes) /;

/** `'iteration' = 1000`, or `'optimizer' (dict of 2 entries)`. */
export function ignoredEntryText({ key, description }: IgnoredEntry): string {
  return KIND_DESCRIPTION.test(description) ? `'${key}' (${description})` : `'${key}' = ${description}`;
}

/** `ignored 3 entries of the checkpoint (not weights): 'iteration' = 1000, 'optimizer' (dict of 2 entries), …`. */
export function ignoredEntriesWarning(
  ignored: readonly IgnoredEntry[],
  path: readonly string[],
): string | null {
  if (ignored.length === 0) return null;
  const items = ignored.map(ignoredEntryText);
  const under = path.length > 0 ? `; the weights are under '${path.join('.')}'` : '';
  const n = ignored.length;
  return `ignored ${n} ${n === 1 ? 'entry' : 'entries'} of the checkpoint that ${n === 1 ? 'is' : 'are'} not weights: ${items.join(', ')}${under}`;
}

/**
 * A checkpoint's ignored entries, one warning per file (named when there are several): the
 * warnings `loadWeights` puts first in the summary's, which the weights panel shows as the files'
 * facts instead.
 */
export function fileWarnings(files: readonly WeightFileInfo[]): string[] {
  return files.flatMap((file) => {
    const text = ignoredEntriesWarning(file.ignored, file.stateDictPath);
    if (text === null) return [];
    return [files.length > 1 ? `${file.name}: ${text}` : text];
  });
}
