/**
 * PostnetApi for a plain browser: files come from drops, the file chooser or fetch (the sample);
 * the pipeline runs in a Web Worker on the same jobs and runner as Electron's worker
 * (shared/jobs); opening, weights, processing and export content follow the same rules as
 * Electron's main (shared/host); exports are downloads. The host keeps the documents and how to
 * rebuild the worker's weights, so a cancel (which restarts the worker) loses nothing, within the
 * bounds of shared/host/kept.ts; it keeps no layer outputs.
 */
import { version } from '../../../../package.json';
import type {
  ExportRequest,
  FileSource,
  HostCommand,
  InputDocument,
  JobProgress,
  LayerActivations,
  LayerOutputRequest,
  OpenIntent,
  OpenResult,
  PostnetApi,
  ProcessRequest,
  ProcessResult,
  WeightsSummary,
} from '../../../../shared/api/contract';
import { InvalidArgumentError, UnknownDocumentError } from '../../../../shared/api/errors';
import { defaultExportName, sidecarName } from '../../../../shared/export/names';
import { exportJob } from '../../../../shared/host/export';
import { assertHasAudio, openInputFile, openSorted, sortOpenedFiles } from '../../../../shared/host/open';
import {
  MAX_KEPT_INPUTS,
  MAX_KEPT_WEIGHTS,
  UseOrder,
  bytesHeld,
  type HeldDocuments,
} from '../../../../shared/host/kept';
import {
  layerOutputOfInput,
  loadWeightsAs,
  processInput,
  type WeightsSource,
} from '../../../../shared/host/weights';
import type { FileBytes } from '../../../../shared/jobs/protocol';
import { MEL_PRESETS, TACOTRON2_MEL, type MelConfig } from '../../../../shared/mel/config';
import { pageIo, pickedFolder, type BrowserIo } from './files';
import { createWorkerClient, type StartWorker } from './worker-client';

const MIME: Record<ExportRequest['format'], string> = {
  npy: 'application/octet-stream',
  'npy-batched': 'application/octet-stream',
  npz: 'application/zip',
  png: 'image/png',
  csv: 'text/csv',
};

export interface BrowserHost extends PostnetApi {
  /** What the host holds now (for tests and the memory figures in docs/workspace.md). */
  held(): HeldDocuments;
}

export interface BrowserHostOptions {
  /** The page's files, downloads and title (tests pass their own). */
  io?: BrowserIo;
  /** Starts the pipeline worker (tests pass one that runs the shared runner in-process). */
  startWorker?: StartWorker;
  now?: () => Date;
}

interface InputRecord {
  document: InputDocument;
  /** The WAV's bytes, to compute another mel from; null for a spectrogram `.npy`. */
  wav: FileBytes | null;
  /** The last result for this input (for export): residual and output, no layer outputs. */
  result: ProcessResult | null;
}

export function createBrowserHost(options: BrowserHostOptions = {}): BrowserHost {
  const io = options.io ?? pageIo;
  const now = options.now ?? (() => new Date());
  const progressListeners = new Set<(progress: JobProgress) => void>();
  const commandListeners = new Set<(command: HostCommand) => void>();
  const client = createWorkerClient((progress) => {
    for (const listener of progressListeners) listener(progress);
  }, options.startWorker);
  const inputs = new UseOrder<InputRecord>();
  const weights = new UseOrder<{ summary: WeightsSummary; source: WeightsSource }>();
  let nextId = 1;
  const newId = (prefix: string) => `${prefix}-${nextId++}`;

  /** The files of an open call, and the folder's name when they are a picked folder's. */
  async function filesFor(
    source: FileSource,
    intent: OpenIntent,
  ): Promise<{ files: FileBytes[]; folderName?: string }> {
    switch (source.kind) {
      case 'sample':
        return { files: [await io.fetchSample()] };
      case 'dropped':
        return { files: await io.readFiles(source.files) };
      case 'dialog': {
        const picked = await io.pickFiles(intent, source.folder ?? false);
        if (!source.folder) return { files: await io.readFiles(picked) };
        const folder = pickedFolder(picked);
        return folder ? { files: await io.readFiles(folder.files), folderName: folder.name } : { files: [] };
      }
      case 'granted':
        throw new InvalidArgumentError('the browser host grants no files; drop them instead');
    }
  }

  /** The input the window works on now: the most recently used; the least recent beyond the bound go. */
  function touchInput(id: string): InputRecord {
    const entry = inputs.touch(id);
    if (!entry) throw new UnknownDocumentError(`no open input has id '${id}'; open the file again`);
    inputs.trim(MAX_KEPT_INPUTS);
    return entry;
  }
  function findWeights(id: string) {
    const entry = weights.get(id);
    if (!entry) throw new UnknownDocumentError(`no loaded weights have id '${id}'; load the weights again`);
    return entry;
  }
  function addWeights(summary: WeightsSummary, source: WeightsSource): void {
    weights.set(summary.id, { summary, source });
    const spare = (id: string) => id === summary.id || weights.get(id)!.summary.isDefault;
    for (const id of weights.trim(MAX_KEPT_WEIGHTS, spare)) {
      void client.run({ kind: 'release-weights', weightsId: id }).catch(() => undefined);
    }
  }

  async function open(source: FileSource, intent: OpenIntent, melConfig?: MelConfig): Promise<OpenResult> {
    const config = melConfig ?? TACOTRON2_MEL;
    // A picked folder's files are all weights (intent `weights`), so the set is called by the folder.
    const { files, folderName: name } = await filesFor(source, intent);
    if (files.length === 0) return { inputs: [], weights: null };
    const sorted = sortOpenedFiles(files, intent);
    return openSorted(sorted.inputs, sorted.weightFiles, {
      async openInput(input) {
        // A WAV's bytes stay here (for another mel config); a spectrogram's are moved to the worker.
        const { audio, mel } = await openInputFile(client, input, config, input.role === 'spectrogram');
        const document: InputDocument = { id: newId('input'), name: input.name, audio, mel };
        const wav = input.role === 'audio' ? { name: input.name, bytes: input.bytes } : null;
        inputs.set(document.id, { document, wav, result: null });
        return document;
      },
      async loadWeights(weightFiles) {
        const source: WeightsSource = {
          kind: 'files',
          files: weightFiles,
          nMels: config.nMels,
          ...(name === undefined ? {} : { name }),
        };
        const summary = await loadWeightsAs(client, newId('weights'), source);
        addWeights(summary, source);
        return summary;
      },
    });
  }

  async function process(request: ProcessRequest): Promise<ProcessResult> {
    const { inputId, weightsId } = request;
    const entry = touchInput(inputId);
    const { source } = findWeights(weightsId);
    const started = performance.now();
    const arrays = await processInput(client, {
      input: entry.document.mel,
      weightsId,
      source,
      ...(request.activations ? { activations: request.activations } : {}),
    });
    const result: ProcessResult = { inputId, weightsId, ...arrays, elapsedMs: performance.now() - started };
    // Kept for export without the layer outputs (the window caches those itself).
    if (inputs.get(inputId)?.document === entry.document) entry.result = { ...result, activations: [] };
    return result;
  }

  /** Runs the stack up to the layer only; the output is moved out of the worker and not kept here. */
  async function layerOutput(request: LayerOutputRequest): Promise<LayerActivations> {
    const { document: input } = touchInput(request.inputId);
    const { source } = findWeights(request.weightsId);
    return layerOutputOfInput(client, {
      input: input.mel,
      weightsId: request.weightsId,
      source,
      layer: request.layer,
    });
  }

  return {
    async startup() {
      return {
        host: 'browser',
        appVersion: version,
        openFirst: { kind: 'sample' },
        recent: [],
        melPresets: MEL_PRESETS,
      };
    },
    open,
    async remel(inputId, melConfig) {
      const { document: current, wav } = touchInput(inputId);
      assertHasAudio(current);
      const { audio, mel } = await client.run({ kind: 'analyze-wav', ...wav!, melConfig });
      const document: InputDocument = { ...current, audio, mel };
      inputs.set(inputId, { document, wav, result: null }); // the old mel's result is stale now
      return document;
    },
    async defaultWeights() {
      const existing = [...weights.values()].find((entry) => entry.summary.isDefault);
      if (existing) return existing.summary;
      const source: WeightsSource = { kind: 'default' };
      const summary = await loadWeightsAs(client, newId('weights'), source);
      addWeights(summary, source);
      return summary;
    },
    process,
    layerOutput,
    async exportResult(request) {
      const { inputId, weightsId, format } = request;
      const entry = touchInput(inputId);
      const input = entry.document;
      const { summary } = findWeights(weightsId);
      const kept = entry.result?.weightsId === weightsId ? entry.result : null;
      const result = kept ?? (await process({ inputId, weightsId }));
      const fileName = defaultExportName(input.name, format);
      const job = exportJob({
        format,
        fileName,
        input,
        weights: summary,
        result,
        appVersion: version,
        createdAt: now(),
        ...(request.png ? { png: request.png } : {}),
      });
      const encoded = await client.run(job, { transfer: request.png ? [request.png] : [] });
      return {
        location: io.save({ name: fileName, bytes: encoded.file }, MIME[format]),
        sidecarLocation: io.save({ name: sidecarName(fileName), bytes: encoded.sidecar }, 'application/json'),
      };
    },
    cancel: () => client.cancel(),
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    onCommand(listener) {
      // A browser has no menus or command line: nothing sends commands, but the contract holds.
      commandListeners.add(listener);
      return () => commandListeners.delete(listener);
    },
    setTitle(documentName) {
      io.setTitle(documentName ? `${documentName} — Postnet Studio` : 'Postnet Studio');
    },
    held: () => ({
      inputIds: [...inputs.values()].map((entry) => entry.document.id),
      weightsIds: [...weights.values()].map((entry) => entry.summary.id),
      bytes: bytesHeld([...inputs.values(), ...weights.values()]),
    }),
  };
}
