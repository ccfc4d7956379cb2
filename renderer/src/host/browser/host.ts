/**
 * PostnetApi for a plain browser: files come from drops, the file chooser or fetch (the sample);
 * the pipeline runs in a Web Worker on the same shared/ code as the CLI and Electron; exports are
 * downloads. The host keeps what it needs to rebuild the worker's state after a cancel.
 */
import { version } from '../../../../package.json';
import type {
  ExportRequest,
  FileSource,
  HostCommand,
  InputDocument,
  JobProgress,
  OpenIntent,
  OpenResult,
  PostnetApi,
  ProcessResult,
  WeightsSummary,
} from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/contract';
import type { MelConfig } from '../../../../shared/mel/config';
import { MEL_PRESETS } from '../../../../shared/mel/config';
import { download, fetchSample, pickFiles, readFiles } from './files';
import type { FileBytes, WeightsSource, WorkerJob } from './protocol';
import { createWorkerClient } from './worker-client';

const JOB_KINDS: Record<WorkerJob['kind'], JobProgress['kind']> = {
  open: 'open',
  remel: 'open',
  'default-weights': 'weights',
  process: 'process',
  export: 'export',
};

const MIME: Record<ExportRequest['format'], string> = {
  npy: 'application/octet-stream',
  'npy-batched': 'application/octet-stream',
  npz: 'application/zip',
  png: 'image/png',
  csv: 'text/csv',
};

/** Results kept for export, newest last; a few are enough (the window shows one). */
const KEPT_RESULTS = 4;

export function createBrowserHost(): PostnetApi {
  const progressListeners = new Set<(progress: JobProgress) => void>();
  const commandListeners = new Set<(command: HostCommand) => void>();
  const client = createWorkerClient((jobId, kind, label, fraction) => {
    for (const listener of progressListeners) listener({ jobId, kind: JOB_KINDS[kind], label, fraction });
  });
  const inputs = new Map<string, { document: InputDocument; wav: FileBytes | null }>();
  const weights = new Map<string, { summary: WeightsSummary; source: WeightsSource }>();
  const results: ProcessResult[] = [];
  let nextId = 1;
  const newId = (prefix: string) => `${prefix}-${nextId++}`;

  async function filesFor(source: FileSource, intent: OpenIntent): Promise<FileBytes[]> {
    switch (source.kind) {
      case 'sample':
        return [await fetchSample()];
      case 'dropped':
        return readFiles(source.files);
      case 'dialog':
        return readFiles(await pickFiles(intent, source.folder ?? false));
      case 'granted':
        throw new ApiError({
          name: 'InvalidArgumentError',
          message: 'the browser host grants no files; drop them instead',
        });
    }
  }

  function findInput(id: string) {
    const entry = inputs.get(id);
    if (!entry)
      throw new ApiError({
        name: 'UnknownInputError',
        message: `no open input with id ${id}; open the file again`,
      });
    return entry;
  }
  function findWeights(id: string) {
    const entry = weights.get(id);
    if (!entry)
      throw new ApiError({
        name: 'UnknownWeightsError',
        message: `no loaded weights with id ${id}; load them again`,
      });
    return entry;
  }

  async function open(source: FileSource, intent: OpenIntent, melConfig?: MelConfig): Promise<OpenResult> {
    const files = await filesFor(source, intent);
    if (files.length === 0) return { inputs: [], weights: null };
    const weightsId = newId('weights');
    const opened = await client.run({ kind: 'open', files, intent, melConfig: melConfig ?? null, weightsId });
    const documents = opened.inputs.map((input) => {
      const opened: InputDocument = {
        id: newId('input'),
        name: input.name,
        audio: input.audio,
        mel: input.mel,
      };
      const wav = input.audio ? (files.find((file) => file.name === input.name) ?? null) : null;
      inputs.set(opened.id, { document: opened, wav });
      return opened;
    });
    let summary: WeightsSummary | null = null;
    if (opened.weights) {
      summary = { ...opened.weights, id: weightsId };
      const weightFiles = files.filter((file) => !opened.inputs.some((input) => input.name === file.name));
      weights.set(weightsId, { summary, source: { kind: 'files', files: weightFiles } });
    }
    return { inputs: documents, weights: summary, failures: opened.failures };
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
      const { document: current, wav } = findInput(inputId);
      if (!wav)
        throw new ApiError({
          name: 'InvalidArgumentError',
          message: `${current.name} is a spectrogram, not a WAV: it cannot be re-analysed`,
        });
      const input = await client.run({ kind: 'remel', file: wav, melConfig });
      const updated: InputDocument = { ...current, audio: input.audio, mel: input.mel };
      inputs.set(inputId, { document: updated, wav });
      return updated;
    },
    async defaultWeights() {
      const existing = [...weights.values()].find((entry) => entry.summary.isDefault);
      if (existing) return existing.summary;
      const weightsId = newId('weights');
      const summary = { ...(await client.run({ kind: 'default-weights', weightsId })), id: weightsId };
      weights.set(weightsId, { summary, source: { kind: 'default' } });
      return summary;
    },
    async process(request) {
      const { document: input } = findInput(request.inputId);
      const { source } = findWeights(request.weightsId);
      const arrays = await client.run({
        kind: 'process',
        mel: input.mel,
        weightsId: request.weightsId,
        weights: source,
        activations: request.activations ?? [],
      });
      const result: ProcessResult = { inputId: request.inputId, weightsId: request.weightsId, ...arrays };
      results.push(result);
      if (results.length > KEPT_RESULTS) results.shift();
      return result;
    },
    async exportResult(request) {
      const { document: input } = findInput(request.inputId);
      const { summary } = findWeights(request.weightsId);
      const result = [...results]
        .reverse()
        .find((r) => r.inputId === request.inputId && r.weightsId === request.weightsId);
      if (!result)
        throw new ApiError({
          name: 'NothingToExportError',
          message: `${input.name} has not been processed with ${summary.name} yet`,
        });
      if (request.format === 'png' && !request.png)
        throw new ApiError({ name: 'InvalidArgumentError', message: 'a PNG export needs the rendered view' });
      const files = await client.run({
        kind: 'export',
        payload: {
          format: request.format,
          inputName: input.name,
          audio: input.audio,
          weights: {
            name: summary.name,
            sha256: summary.sha256,
            isDefault: summary.isDefault,
            residual: summary.residual,
          },
          input: input.mel,
          residual: result.residual,
          output: result.output,
          ...(request.png ? { png: request.png } : {}),
        },
      });
      return {
        location: download(files.file, MIME[request.format]),
        sidecarLocation: download(files.sidecar, 'application/json'),
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
      document.title = documentName ? `${documentName} — Postnet Studio` : 'Postnet Studio';
    },
  };
}
