/**
 * The Conv1d stacks a state_dict holds, recognised by their key layouts wherever they sit (any
 * prefix: `module.`, `model.`, `tts.dec.`, `state_dict.`…):
 * - NVIDIA/tacotron2: `…convolutions.{i}.0.conv.weight` (ConvNorm), `….{i}.1.*` (BatchNorm1d);
 * - Coqui TTS: `…convolutions.{i}.convolution1d.weight`, `….{i}.batch_normalization.*`;
 * - ESPnet / ESPnet2: `…postnet.postnet.{i}.0.weight` (Conv1d without bias), `….{i}.1.*`
 *   (BatchNorm1d, absent with use_batch_norm=False).
 * A ModuleList under `postnet` is a post-net and one under `encoder` the encoder convolutions; a bare
 * `convolutions.*` is a post-net unless an `lstm.*` sits beside it (an Encoder's own state_dict).
 */
import { ModelBuildError } from '../errors';
import type { TensorMap } from '../tensor';
import type { StackLayout, StackRole } from './types';

/** One recognised stack, before it is built. */
export interface StackInfo {
  role: StackRole;
  layout: StackLayout;
  /** `Tacotron 2 post-net`, `Coqui TTS Tacotron 2 encoder convolutions`… */
  kind: string;
  /** The ModuleList's key prefix as the file has it: `postnet.convolutions.`, `tts.dec.postnet.postnet.`. */
  prefix: string;
  nLayers: number;
  /** For encoder convolutions: the symbol embedding's key (`embedding.weight`) when the file has it. */
  embeddingKey: string | null;
}

/** How one toolkit names a block's modules, relative to the ModuleList prefix. */
export interface BlockNaming {
  /** A block's conv weight key: group 1 is the ModuleList prefix, group 2 the block index. */
  pattern: RegExp;
  /** Module path of block i's Conv1d and of its BatchNorm1d. */
  conv(prefix: string, i: number): string;
  batchNorm(prefix: string, i: number): string;
  /** Whether the conv may come without BatchNorm (ESPnet's use_batch_norm=False). */
  batchNormOptional: boolean;
}

type Toolkit = 'tacotron2' | 'coqui' | 'espnet';

export const NAMING: Readonly<Record<Toolkit, BlockNaming>> = {
  tacotron2: {
    pattern: /^(.*?convolutions\.)(\d+)\.0\.conv\.weight$/,
    conv: (p, i) => `${p}${i}.0.conv`,
    batchNorm: (p, i) => `${p}${i}.1`,
    batchNormOptional: false,
  },
  coqui: {
    pattern: /^(.*?convolutions\.)(\d+)\.convolution1d\.weight$/,
    conv: (p, i) => `${p}${i}.convolution1d`,
    batchNorm: (p, i) => `${p}${i}.batch_normalization`,
    batchNormOptional: false,
  },
  espnet: {
    pattern: /^(.*?postnet\.)(\d+)\.0\.weight$/,
    conv: (p, i) => `${p}${i}.0`,
    batchNorm: (p, i) => `${p}${i}.1`,
    batchNormOptional: true,
  },
};

const KINDS: Readonly<Record<Exclude<StackLayout, 'sequential'>, string>> = {
  'tacotron2-postnet': 'Tacotron 2 post-net',
  'tacotron2-encoder': 'Tacotron 2 encoder convolutions',
  'coqui-postnet': 'Coqui TTS Tacotron 2 post-net',
  'coqui-encoder': 'Coqui TTS Tacotron 2 encoder convolutions',
  'espnet-postnet': 'ESPnet Tacotron 2 post-net',
};

/** The toolkit whose naming a recognised layout follows. */
export function toolkitOf(layout: Exclude<StackLayout, 'sequential'>): Toolkit {
  return layout.startsWith('coqui') ? 'coqui' : layout.startsWith('espnet') ? 'espnet' : 'tacotron2';
}

/**
 * Every recognised stack in `tensors`, post-nets first, in file order otherwise. Throws
 * ModelBuildError when a stack's blocks have a gap (`convolutions.0, 1, 3`). This is the function
 * to call to offer a choice of stacks, and to find the encoder's embedding.
 */
export function findStacks(tensors: TensorMap): StackInfo[] {
  const keys = [...tensors.keys()];
  const found = new Map<string, { toolkit: Toolkit; prefix: string; indices: Set<number> }>();
  for (const key of keys) {
    for (const toolkit of Object.keys(NAMING) as Toolkit[]) {
      const match = NAMING[toolkit].pattern.exec(key);
      // ESPnet's pattern is loose enough to match a Linear stack named `postnet`: only 3-d weights count
      if (!match || (toolkit === 'espnet' && tensors.get(key)!.shape.length !== 3)) continue;
      const id = `${toolkit} ${match[1]}`;
      if (!found.has(id)) found.set(id, { toolkit, prefix: match[1]!, indices: new Set() });
      found.get(id)!.indices.add(Number(match[2]));
    }
  }
  const stacks = [...found.values()].map(({ toolkit, prefix, indices }) => {
    const role = roleOf(toolkit, prefix, keys);
    const layout = `${toolkit}-${role}` as Exclude<StackLayout, 'sequential'>;
    return {
      role,
      layout,
      kind: KINDS[layout],
      prefix,
      nLayers: checkContiguous(indices, prefix, toolkit),
      embeddingKey: role === 'encoder' ? embeddingKey(prefix, tensors) : null,
    };
  });
  return [...stacks.filter((s) => s.role === 'postnet'), ...stacks.filter((s) => s.role === 'encoder')];
}

/** `postnet.convolutions.` → postnet; `encoder.convolutions.` → encoder; bare: encoder only beside `lstm.*`. */
function roleOf(toolkit: Toolkit, prefix: string, keys: readonly string[]): StackRole {
  if (toolkit === 'espnet') return 'postnet';
  const owner = prefix.slice(0, -'convolutions.'.length);
  const last = owner.split('.').at(-2);
  if (last === 'postnet') return 'postnet';
  if (last === 'encoder') return 'encoder';
  return keys.some((key) => key.startsWith(`${owner}lstm.`)) ? 'encoder' : 'postnet';
}

/** The encoder's `embedding.weight`, beside the `encoder` module (`model.encoder.` → `model.embedding.weight`). */
function embeddingKey(prefix: string, tensors: TensorMap): string | null {
  const owner = prefix.slice(0, -'convolutions.'.length);
  const parent = owner.endsWith('encoder.') ? owner.slice(0, -'encoder.'.length) : owner;
  const key = `${parent}embedding.weight`;
  return tensors.get(key)?.shape.length === 2 ? key : null;
}

function checkContiguous(found: Set<number>, prefix: string, toolkit: Toolkit): number {
  const count = Math.max(...found) + 1;
  for (let i = 0; i < count; i++) {
    if (!found.has(i)) {
      throw new ModelBuildError(
        `missing key '${NAMING[toolkit].conv(prefix, i)}.weight': the convolutions run 0…${count - 1} but ${i} is absent`,
      );
    }
  }
  return count;
}

/** `postnet.convolutions.*` (Tacotron 2 post-net, 5 layers): how messages and `inspect` name a stack. */
export function describeStack(stack: StackInfo): string {
  return `'${stack.prefix}*' (${stack.kind}, ${stack.nLayers} ${stack.nLayers === 1 ? 'layer' : 'layers'})`;
}
