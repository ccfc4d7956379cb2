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
import { InvalidArgumentError } from '../../../../shared/api/errors';
import { defaultExportName, sidecarName } from '../../../../shared/export/names';
import { exportJob } from '../../../../shared/host/export';
import { assertHasAudio, openInputFile, openSorted, sortOpenedFiles } from '../../../../shared/host/open';
import type { HeldDocuments } from '../../../../shared/host/kept';
import { Session } from '../../../../shared/host/session';
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

/** Where an input's audio is: the WAV's bytes, to compute another mel from; null for a spectrogram `.npy`. */
type WavOrigin = FileBytes | null;

export function createBrowserHost(options: BrowserHostOptions = {}): BrowserHost {
  const io = options.io ?? pageIo;
  const now = options.now ?? (() => new Date());
  const progressListeners = new Set<(progress: JobProgress) => void>();
  const commandListeners = new Set<(command: HostCommand) => void>();
  const client = createWorkerClient((progress) => {
    for (const listener of progressListeners) listener(progress);
  }, options.startWorker);
  const session = new Session<WavOrigin>();

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

  /** Keeps weights; frees in the worker the ones the session released. */
  function addWeights(summary: WeightsSummary, source: WeightsSource): void {
    for (const id of session.addWeights(summary, source)) {
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
        const wav = input.role === 'audio' ? { name: input.name, bytes: input.bytes } : null;
        return session.addInput(session.newInputId(), input.name, audio, mel, wav);
      },
      async loadWeights(weightFiles) {
        const source: WeightsSource = {
          kind: 'files',
          files: weightFiles,
          nMels: config.nMels,
          ...(name === undefined ? {} : { name }),
        };
        const summary = await loadWeightsAs(client, session.newWeightsId(), source);
        addWeights(summary, source);
        return summary;
      },
    });
  }

  async function process(request: ProcessRequest): Promise<ProcessResult> {
    const { inputId, weightsId } = request;
    const input = session.touchInput(inputId).document;
    const { source } = session.weights(weightsId);
    const started = performance.now();
    const arrays = await processInput(client, {
      input: input.mel,
      weightsId,
      source,
      ...(request.activations ? { activations: request.activations } : {}),
    });
    const result: ProcessResult = { inputId, weightsId, ...arrays, elapsedMs: performance.now() - started };
    session.setResult(input, result); // for export, without the layer outputs (the window caches those)
    return result;
  }

  /** Runs the stack up to the layer only; the output is moved out of the worker and not kept here. */
  async function layerOutput(request: LayerOutputRequest): Promise<LayerActivations> {
    const input = session.touchInput(request.inputId).document;
    const { source } = session.weights(request.weightsId);
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
      const { document: current, origin: wav } = session.touchInput(inputId);
      assertHasAudio(current);
      const { audio, mel } = await client.run({ kind: 'analyze-wav', ...wav!, melConfig });
      return session.addInput(inputId, current.name, audio, mel, wav); // drops the old mel's result
    },
    async defaultWeights() {
      const loaded = session.defaultWeights();
      if (loaded) return loaded;
      const source: WeightsSource = { kind: 'default' };
      const summary = await loadWeightsAs(client, session.newWeightsId(), source);
      addWeights(summary, source);
      return summary;
    },
    process,
    layerOutput,
    async exportResult(request) {
      const { inputId, weightsId, format } = request;
      const input = session.touchInput(inputId).document;
      const { summary } = session.weights(weightsId);
      const result = session.result(inputId, weightsId) ?? (await process({ inputId, weightsId }));
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
    held: () => session.held(),
  };
}
