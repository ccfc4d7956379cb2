/**
 * The microscope's part of the API (its calls are in PostnetCalls, contract.ts): one output cell
 * explained in the worker (explainCell over the receptive field only, so no `[512, T]` layer
 * output crosses for it), a text run through Tacotron 2's encoder, a layer's filters, per-tensor
 * statistics and one tensor exported. Plain data, as everything in the API.
 */
import type { CellExplanation } from '../explain/cell';
import type { CleanerName } from '../text/cleaners';
import type { ExportResult, LayerActivations, LayerSummary } from './contract';

/** What the explained stack runs over: an open input's mel (the loaded stack), or text (the encoder). */
export type ExplainSource =
  { kind: 'input'; inputId: string } | { kind: 'text'; text: string; cleaners: CleanerName };

export interface ExplainRequest {
  weightsId: string;
  source: ExplainSource;
  /** 0-based layer of the stack (of the encoder's convolutions over text). */
  layer: number;
  /** Output channel o. */
  channel: number;
  /** Output frame t (a character position over text). */
  frame: number;
}

/** explainCell's answer as it crosses: typed arrays and plain records only. */
export type ExplainResult = CellExplanation;

export interface TextRunRequest {
  /** The loaded weights: their encoder (and embedding) when the state_dict holds one. */
  weightsId: string;
  text: string;
  cleaners: CleanerName;
}

/** Where the encoder or the embedding of a text run came from. */
export interface TextPart {
  /** `embedding.weight of tacotron2.pt`, or the untrained default's name. */
  name: string;
  /** False for the seeded default (untrained): the window says so. */
  trained: boolean;
}

/**
 * Text → symbol ids → embedding `[dim, nChars]` → every encoder convolution's output
 * `[outChannels, nChars]` (after BatchNorm and ReLU). Small (nChars is at most MAX_TEXT_LENGTH
 * symbols), so every layer crosses.
 */
export interface TextRunResult {
  text: string;
  cleaners: CleanerName;
  /** NVIDIA's text_to_sequence ids, and the symbol of each (`h`, ` `, `@HH`). */
  ids: number[];
  symbols: string[];
  /** Characters dropped (not in the table) and not transliterated, once each. */
  dropped: string[];
  untransliterated: string[];
  embedding: TextPart & { nSymbols: number; dim: number };
  encoder: TextPart & { layers: LayerSummary[] };
  /** The embedded characters, `[dim, nChars]`: the first convolution's input (layer −1). */
  input: LayerActivations;
  outputs: LayerActivations[];
}

/** Which stack a filters request means: the loaded weights' stack, or the encoder a text run uses. */
export type FilterStack = 'loaded' | 'text-encoder';

export interface LayerFiltersRequest {
  weightsId: string;
  stack: FilterStack;
  layer: number;
}

/** One layer's filters: weight `[outChannels, inChannels / groups, k]` row-major and each filter's L2 norm. */
export interface LayerFilters {
  layer: number;
  name: string;
  shape: [number, number, number];
  weight: Float32Array;
  /** ‖W[o]‖₂ over its `[in/groups, k]` values, float64. */
  norms: Float64Array;
}

/** A histogram over [lo, hi] in equal bins, the last closed on the right (numpy.histogram's rule). */
export interface Histogram {
  lo: number;
  hi: number;
  counts: number[];
}

/** One tensor of a state_dict summarised: its finite values' min, max, mean, std (ddof 0) and histogram. */
export interface TensorStats {
  key: string;
  dtype: string;
  shape: readonly number[];
  numel: number;
  /** Whether the loaded stack was built from it. */
  used: boolean;
  /** Null when the tensor has no finite values (empty, or all NaN/±Inf). */
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  /** NaN and ±Infinity values, counted apart from the statistics. */
  nonFinite: number;
  histogram: Histogram | null;
}

/** `.npy` keeps the tensor's dtype and shape; `.csv` has one row per index of all but the last axis. */
export type TensorExportFormat = 'npy' | 'csv';

export const TENSOR_EXPORT_FORMATS: readonly TensorExportFormat[] = ['npy', 'csv'];

export interface TensorExportRequest {
  weightsId: string;
  /** The state_dict key, exactly as the file has it. */
  key: string;
  format: TensorExportFormat;
}

/** The microscope's calls (part of PostnetCalls). */
export interface MicroscopeCalls {
  /** One output cell made explicit, computed in the worker from the cell's receptive field only. */
  explain(request: ExplainRequest): Promise<ExplainResult>;
  /** Text through the encoder of the weights (or the untrained default encoder): every layer. */
  textRun(request: TextRunRequest): Promise<TextRunResult>;
  layerFilters(request: LayerFiltersRequest): Promise<LayerFilters>;
  /** Statistics of every tensor of the loaded weights' state_dict, in file order. */
  tensorStats(weightsId: string): Promise<TensorStats[]>;
  /** Saves one tensor (save dialog + atomic write, or a download); null when the user cancels. */
  exportTensor(request: TensorExportRequest): Promise<ExportResult | null>;
}
