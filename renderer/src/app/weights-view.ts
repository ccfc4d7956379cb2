/**
 * What the weights panel says about loaded weights beyond their layers, from the summary alone:
 * each file's format and what it holds beside its tensors (safetensors `__metadata__`, where a
 * training checkpoint keeps its state_dict, its entries that are not weights), the stacks to
 * choose from when a file holds several, and whether the weights fit the open input. Pure.
 */
import type { InputDocument, WeightsSummary } from '../../../shared/api/contract';
import type { StackRole } from '../../../shared/model/types';
import { FORMAT_NAMES, fileWarnings, ignoredEntryText } from '../../../shared/weights/file-facts';

export interface FileFacts {
  name: string;
  /** `PyTorch torch.save (zip)`, `.safetensors`… */
  format: string;
  /** `'state_dict'` when a checkpoint keeps its weights under it, else null (the file is a state_dict). */
  stateDictAt: string | null;
  /** A safetensors file's `__metadata__`, in the file's order. */
  metadata: readonly (readonly [key: string, value: string])[];
  /** A checkpoint's entries that are not weights: `'iteration' = 1000`, `'optimizer' (dict of 2 entries)`. */
  ignored: readonly string[];
}

export interface FilesView {
  /** `PyTorch torch.save (zip)`; for several files `35 files: .npy`; null for the built-in weights. */
  format: string | null;
  /** The built stack's layout (`layoutText`); null for the built-in weights. */
  layout: string | null;
  /** The files with more to say than their format (all of them, for one file); named when several. */
  files: FileFacts[];
}

/** A toolkit's own ModuleList prefix for a stack: what is left before it was put there by a wrapper. */
const TOOLKIT_PREFIX = /(?:(?:postnet|encoder)\.)?(?:convolutions|postnet)\.$/;

/** The recognised layout of the built stack, and the prefix its keys were read under. */
export interface LayoutFacts {
  /** `Coqui TTS Tacotron 2 post-net`, or `explicit architecture (layer JSON)`. */
  kind: string;
  /** `'tts.dec.postnet.postnet.*'`: the keys the stack was read from; null for an explicit architecture. */
  keys: string | null;
  /** What sat before the toolkit's own names and was stripped (`'module.'`, `'tts.dec.'`), or null. */
  stripped: string | null;
}

/** How the built stack was recognised (for the weights panel's `layout` line). */
export function layoutFacts(summary: Pick<WeightsSummary, 'stacks' | 'built'>): LayoutFacts {
  const stack = summary.stacks.find((candidate) => candidate.role === summary.built);
  if (!stack) return { kind: 'explicit architecture (layer JSON)', keys: null, stripped: null };
  const own = TOOLKIT_PREFIX.exec(stack.prefix);
  const stripped = own && own.index > 0 ? stack.prefix.slice(0, own.index) : null;
  return {
    kind: stack.kind,
    keys: `'${stack.prefix}*'`,
    stripped: stripped === null ? null : `'${stripped}'`,
  };
}

/** `Coqui TTS Tacotron 2 post-net, keys 'module.postnet.convolutions.*' (prefix 'module.' stripped)`. */
export function layoutText(summary: Pick<WeightsSummary, 'stacks' | 'built'>): string {
  const { kind, keys, stripped } = layoutFacts(summary);
  if (keys === null) return kind;
  return `${kind}, keys ${keys}${stripped === null ? '' : ` (prefix ${stripped} stripped)`}`;
}

/** The files' facts as the panel lays them out: one format line, then what each file holds beside. */
export function filesView(summary: Pick<WeightsSummary, 'files' | 'stacks' | 'built'>): FilesView {
  const facts = fileFacts(summary);
  const [only] = facts;
  const layout = facts.length === 0 ? null : layoutText(summary);
  if (facts.length <= 1) return { format: only?.format ?? null, layout, files: facts };
  const formats = [...new Set(facts.map((file) => file.format))].join(', ');
  return {
    format: `${facts.length} files: ${formats}`,
    layout,
    files: facts.filter((file) => file.stateDictAt || file.metadata.length > 0 || file.ignored.length > 0),
  };
}

export function fileFacts(summary: Pick<WeightsSummary, 'files'>): FileFacts[] {
  return summary.files.map((file) => ({
    name: file.name,
    format: FORMAT_NAMES[file.format],
    stateDictAt: file.stateDictPath.length > 0 ? `'${file.stateDictPath.join('.')}'` : null,
    metadata: Object.entries(file.metadata ?? {}),
    ignored: file.ignored.map(ignoredEntryText),
  }));
}

/**
 * The summary's warnings but those the files' facts show already (a checkpoint's ignored
 * entries, `fileWarnings`): every other warning, as the host gave it.
 */
export function panelWarnings(summary: Pick<WeightsSummary, 'files' | 'warnings'>): string[] {
  const shown = new Set(fileWarnings(summary.files));
  return summary.warnings.filter((warning) => !shown.has(warning));
}

export interface StackChoice {
  role: StackRole;
  /** `post-net`, `encoder`. */
  label: string;
  /** `'postnet.convolutions.*' · Tacotron 2 post-net · 5 layers`. */
  detail: string;
  chosen: boolean;
}

const ROLE_LABELS: Readonly<Record<StackRole, string>> = { postnet: 'post-net', encoder: 'encoder' };

/** The stacks to choose between, or none when the weights hold only one. */
export function stackChoices(summary: Pick<WeightsSummary, 'stacks' | 'built'>): StackChoice[] {
  if (summary.stacks.length < 2) return [];
  return summary.stacks.map((stack) => ({
    role: stack.role,
    label: ROLE_LABELS[stack.role],
    detail: `'${stack.prefix}*' · ${stack.kind} · ${stack.nLayers} ${stack.nLayers === 1 ? 'layer' : 'layers'}`,
    chosen: stack.role === summary.built,
  }));
}

/**
 * Whether these weights run over the mel spectrogram. The encoder convolutions run over embedded
 * text (`[512, n_chars]`): the window shows them but runs nothing with them over the mel.
 */
export function runsOverMel(weights: Pick<WeightsSummary, 'built'> | null): boolean {
  return weights?.built !== 'encoder';
}

/** What the panel says about the encoder: where its input comes from. */
export function encoderNote(summary: Pick<WeightsSummary, 'embedding' | 'layers'>): string {
  const channels = summary.layers[0]?.inChannels ?? 512;
  const embedding = summary.embedding
    ? `${summary.embedding.key} [${summary.embedding.shape.join(', ')}]`
    : 'no embedding.weight in the file';
  return (
    `The encoder convolutions run over characters: text → symbol ids → embedding (${embedding}) → ` +
    `[${channels}, n_chars]; the channels are the ${channels} embedding dimensions, the sequence is the ` +
    `characters. They do not run over the mel: the panes keep the input.`
  );
}

/**
 * `These weights take 80 channels, but the input has 64 mel bands: they do not fit the current
 * mel settings …`, or null when they fit (or run over text, or nothing is open).
 */
export function misfitNote(
  weights: Pick<WeightsSummary, 'layers' | 'built'>,
  input: Pick<InputDocument, 'mel'> | null,
): string | null {
  const takes = weights.layers[0]?.inChannels;
  if (!input || takes === undefined || !runsOverMel(weights) || takes === input.mel.nMels) return null;
  const bands = input.mel.nMels;
  return (
    `These weights take ${takes} channels, but the input has ${bands} mel bands: they do not fit the ` +
    `current mel settings (set n_mels to ${takes} in Mel settings…, or load weights made for ${bands} bands)`
  );
}
