/**
 * Weights for the app and CLI: files → tensors → stack, plus the summary the weights panel and
 * `postnet-studio inspect` show, and the details a file carries beyond its tensors (its format,
 * safetensors metadata, a checkpoint's ignored entries, the stacks it holds).
 * `defaultWeights()` is the untrained Tacotron 2 post-net (the fallback when the bundled demo
 * post-net, the app's and CLI's default, cannot be read).
 */
import type { LayerSummary, WeightsSummary } from '../api/contract';
import { parseArchitectureDocument, resolveArchitecture } from '../formats/arch-json';
import { fileWarnings } from './file-facts';
import { readWeightSet, type WeightFile, type WeightFileInfo } from './read';
import { filesSha256 } from './digest';
import { buildStack, type BuildResult } from '../model/build';
import { describeStack, type StackInfo } from '../model/layouts';
import { UNTRAINED_WEIGHTS_NAME, defaultPostnetTensors } from '../model/defaults';
import { resolvePadding } from '../model/geometry';
import {
  conv1dRepr,
  groupThousands,
  printModule,
  trainableParameters,
  type Conv1dReprFields,
} from '../model/print';
import type { Conv1dLayer, Conv1dStack, StackRole } from '../model/types';
import { ModelBuildError, withSource } from '../errors';
import { baseName } from '../paths';
import { numel, shapeText, type TensorMap } from '../tensor';

export { filesSha256 } from './digest';

export type WeightsSummaryData = Omit<WeightsSummary, 'id'>;

export interface LoadedWeights {
  stack: Conv1dStack;
  tensors: TensorMap;
  summary: WeightsSummaryData;
  details: WeightsDetails;
}

/** What the weights panel needs beyond the summary: a stack choice, metadata, the files' formats. */
export interface WeightsDetails {
  /** One per file: format, safetensors `__metadata__`, a checkpoint's state_dict path and ignored entries. */
  files: WeightFileInfo[];
  /** Every stack the tensors hold (a full Tacotron 2: post-net and encoder); empty for an explicit architecture. */
  stacks: StackInfo[];
  /** The role of the stack that was built (null for an explicit architecture). */
  built: StackRole | null;
  /** The encoder's symbol embedding, when the encoder was built and the file has it. */
  embedding: BuildResult['embedding'];
}

export interface LoadWeightsOptions {
  /** Mel bands of the spectrograms the weights will run on (checked against the first layer). */
  nMels?: number;
  /** What to call the weights: defaults to the file name, or `N files` for several. */
  name?: string;
  /** Which recognised stack to build when the weights hold several (default: the post-net). */
  stack?: StackRole;
  /**
   * An architecture document naming the tensors' keys (`--arch layers.json`), for a Conv1d stack
   * whose keys are not a recognised layout. The stack is built from it instead of recognised.
   */
  architecture?: WeightFile;
  /**
   * Whether to hash the files for the summary (default true). A host with native crypto hashes
   * them itself while the stack builds (`filesDigestInput`), and passes false.
   */
  hash?: boolean;
}

/** Parses weight files by content and builds the stack; throws the pipeline's named errors. */
export function loadWeights(files: readonly WeightFile[], options: LoadWeightsOptions = {}): LoadedWeights {
  const name = options.name ?? (files.length === 1 ? baseName(files[0]!.name) : `${files.length} files`);
  const set = readWeightSet(files);
  const architecture = options.architecture
    ? archFor(options.architecture, set.tensors, set.architecture !== null, name)
    : set.architecture;
  const built = buildStack(set.tensors, {
    nMels: options.nMels,
    sourceName: name,
    architecture,
    ...(options.stack ? { stack: options.stack } : {}),
  });
  const warnings = [...fileWarnings(set.files), ...built.warnings];
  const about = {
    name,
    isDefault: false,
    sha256: options.hash === false ? null : filesSha256(files),
    warnings,
  };
  const details: WeightsDetails = {
    files: set.files,
    stacks: built.stacks,
    built: built.chosen?.role ?? null,
    embedding: built.embedding,
  };
  const summary = summarize(built.stack, set.tensors, about, new Set(built.unusedKeys), details);
  return { stack: built.stack, tensors: set.tensors, summary, details };
}

/** The `--arch` document resolved against the tensors (which must not bring their own layer JSON). */
function archFor(file: WeightFile, tensors: TensorMap, hasOwn: boolean, weightsName: string) {
  const archName = baseName(file.name);
  if (hasOwn) {
    throw new ModelBuildError(
      `${weightsName} is an explicit layer JSON with its own numbers; it needs no architecture (${archName})`,
    );
  }
  const template = parseArchitectureDocument(file.bytes, archName);
  try {
    return resolveArchitecture(template, tensors);
  } catch (error) {
    throw withSource(`${weightsName} with ${archName}`, error);
  }
}

/**
 * `model.pt holds 2 stacks: 'postnet.convolutions.*' (Tacotron 2 post-net, 5 layers), built; and
 * 'encoder.convolutions.*' (…): --stack encoder builds it`; null when it holds one or none. How to
 * build another stack is worded by the shell (`howToBuild`: an option, or a choice in the window).
 */
export function stacksNote(
  details: WeightsDetails,
  name: string,
  howToBuild: (role: StackRole) => string,
): string | null {
  if (details.stacks.length < 2) return null;
  const parts = details.stacks.map((stack) => {
    if (stack.role === details.built) return `${describeStack(stack)}, built`;
    return `${describeStack(stack)}: ${howToBuild(stack.role)}`;
  });
  return `${name} holds ${details.stacks.length} stacks: ${parts.join('; ')}`;
}

let cachedDefault: LoadedWeights | null = null;

/** The untrained Tacotron 2 post-net (deterministic; built once and shared, so treat it as read-only). */
export function defaultWeights(): LoadedWeights {
  if (!cachedDefault) {
    const tensors = defaultPostnetTensors();
    const { stack, warnings, unusedKeys, stacks } = buildStack(tensors, {
      sourceName: UNTRAINED_WEIGHTS_NAME,
    });
    const about = { name: UNTRAINED_WEIGHTS_NAME, isDefault: true, sha256: null, warnings };
    const details: WeightsDetails = { files: [], stacks, built: 'postnet', embedding: null };
    const summary = summarize(stack, tensors, about, new Set(unusedKeys), details);
    cachedDefault = { stack, tensors, summary, details };
  }
  return cachedDefault;
}

function summarize(
  stack: Conv1dStack,
  tensors: TensorMap,
  about: Pick<WeightsSummaryData, 'name' | 'isDefault' | 'sha256' | 'warnings'>,
  unusedKeys: ReadonlySet<string>,
  details: WeightsDetails,
): WeightsSummaryData {
  const { embedding } = details;
  return {
    ...about,
    files: details.files,
    stacks: details.stacks,
    built: details.built,
    embedding: embedding ? { key: embedding.key, shape: embedding.shape } : null,
    moduleText: printModule(stack),
    tensors: [...tensors].map(([key, tensor]) => ({
      key,
      shape: tensor.shape,
      numel: numel(tensor.shape),
      used: !unusedKeys.has(key),
    })),
    totalParameters: trainableParameters(stack),
    layers: stack.layers.map(layerSummary),
    residual: stack.residual,
  };
}

/** What the summary of one layer is made from: a Conv1dLayer, or the same fields in a test. */
export type LayerSummaryFields = Conv1dReprFields &
  Pick<Conv1dLayer, 'name' | 'activation'> & { batchNorm: object | boolean | null };

/** One layer as the window shows it: padding resolved to both sides, and its `print(model)` line. */
export function layerSummary(layer: LayerSummaryFields): LayerSummary {
  const { padLeft, padRight } = resolvePadding(layer.padding, layer.kernelSize, layer.dilation);
  return {
    name: layer.name,
    inChannels: layer.inChannels,
    outChannels: layer.outChannels,
    kernelSize: layer.kernelSize,
    stride: layer.stride,
    padding: layer.padding,
    padLeft,
    padRight,
    dilation: layer.dilation,
    groups: layer.groups,
    bias: layer.bias !== null && layer.bias !== false,
    batchNorm: layer.batchNorm !== null && layer.batchNorm !== false,
    activation: layer.activation,
    repr: conv1dRepr(layer),
  };
}

/**
 * What `postnet-studio inspect` prints: the module as PyTorch prints it, a blank line, one line per
 * tensor `key : 512x80x5 = 204800`, a blank line, the trainable parameter total. Ends with a newline.
 * When the file holds tensors the model does not use (a whole checkpoint), their lines end
 * ` (unused)` and the total says it counts the model's tensors only; a file the model uses
 * entirely prints exactly the plain format.
 */
export function formatInspectReport(summary: WeightsSummaryData): string {
  const rows = summary.tensors.map(
    (row) => `${row.key} : ${shapeText(row.shape)} = ${row.numel}${row.used ? '' : ' (unused)'}`,
  );
  const unused = summary.tensors.filter((row) => !row.used).length;
  const used = summary.tensors.length - unused;
  const scope =
    unused === 0
      ? ''
      : ` (the model's ${used} tensors; ${unused} other ${unused === 1 ? 'tensor' : 'tensors'} ` +
        `in the file ${unused === 1 ? 'is' : 'are'} not used)`;
  const total = `Total trainable parameters: ${groupThousands(summary.totalParameters)}${scope}`;
  return `${summary.moduleText}\n\n${rows.join('\n')}\n\n${total}\n`;
}
