/**
 * The one host: the PostnetApi calls as both shells answer them, written once. Electron main runs
 * it behind IPC (electron/main/app.ts), the browser host in the page (renderer/src/host/browser);
 * each gives only its I/O port (io.ts) and a job runner (shared/jobs/runner.ts). The host decides
 * what is opened as what, runs every computation as a worker job, keeps the documents within the
 * bounds of kept.ts (session.ts), rebuilds the worker's weights after a restart (weights.ts),
 * makes exports (export.ts) and reports each job's progress as the window's `JobProgress`.
 */
import type {
  BuiltInWeights,
  ExportRequest,
  ExportResult,
  HostCommand,
  InputDocument,
  LayerActivations,
  LayerOutputRequest,
  OpenIntent,
  OpenResult,
  PostnetEvents,
  ProcessRequest,
  ProcessSummary,
  StartupState,
  WeightsSummary,
} from '../api/contract';
import { UnknownDocumentError } from '../api/errors';
import type { HostCalls } from '../api/table';
import { defaultExportName } from '../export/names';
import { throttleProgress } from '../jobs/progress';
import { asPool } from '../jobs/pool';
import { apiJobKind, type FileBytes } from '../jobs/protocol';
import type { JobRunner } from '../jobs/runner';
import { filesDigestInput } from '../weights/digest';
import { MEL_PRESETS, TACOTRON2_MEL, type MelConfig } from '../mel/config';
import { InvalidArgumentError } from '../api/errors';
import { HostEventHub } from './events';
import { exportJob } from './export';
import { windowTitle, type HostIo } from './io';
import type { HeldDocuments } from './kept';
import type { StackRole } from '../model/types';
import { assertHasAudio, assertRelabelFits, openInputFile, openSorted, sortReadItems } from './open';
import { Session } from './session';
import { inputAudioOf, smoothInput, synthesizeMel, type ListenDeps } from './listen';
import { microscopeCalls } from './microscope';
import { runLayerWindow, runProcess, type RunContext } from './run';
import { loadWeightsAs, type WeightsSource } from './weights';

/** SHA-256 of bytes with the shell's native crypto (WebCrypto, node:crypto): 32 bytes. */
export type Sha256Digest = (bytes: Uint8Array) => Promise<Uint8Array>;

export interface HostDeps<Source, Origin> {
  /** The shell's workers: a pool of lanes (shared/jobs/pool.ts), or one worker's runner. */
  runner: JobRunner;
  io: HostIo<Source, Origin>;
  appVersion: string;
  /** The clock exports are stamped with. */
  now?: () => Date;
  /**
   * The shell's native SHA-256: weights files are then hashed here while the workers build the
   * stack, instead of in a worker (pure TypeScript, ~90 MB/s) before the summary can return.
   */
  digest?: Sha256Digest;
}

const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

export interface Host<Source> extends HostCalls<Source>, PostnetEvents {
  /** Tells the window to do something (a menu item, the command line, a second instance). */
  command(command: HostCommand): void;
  /** What the host holds now (tests, and the memory figures in docs/electron.md). */
  held(): HeldDocuments;
}

export function createHost<Source, Origin>(deps: HostDeps<Source, Origin>): Host<Source> {
  const { io } = deps;
  const now = deps.now ?? (() => new Date());
  const session = new Session<Origin>();
  const events = new HostEventHub();
  const pool = asPool(deps.runner);
  let nextJobId = 1;
  /** Cancels so far: a run that began before the latest one stops handing out chunks. */
  let cancels = 0;
  /** The shell's runner, with each job's progress reported to the window. */
  const runner: JobRunner = {
    run(job, options = {}) {
      const jobId = nextJobId++;
      const kind = apiJobKind(job.kind);
      return deps.runner.run(job, {
        ...options,
        onEvent: (event) => {
          options.onEvent?.(event);
          if (event.type === 'progress')
            events.progress({ jobId, kind, label: event.label, fraction: event.fraction });
        },
      });
    },
    cancel: () => deps.runner.cancel(),
  };

  /** What a chunked run needs of the host: the pool, the documents, and progress under one job id. */
  function runContext(inputId: string, weightsId: string): RunContext {
    const input = session.touchInput(inputId).document;
    const { source, summary } = session.weights(weightsId); // fails clearly before any work if unknown
    const jobId = nextJobId++;
    const began = cancels;
    const report = throttleProgress((update: { fraction: number; label: string }) =>
      events.progress({ jobId, kind: 'process', ...update }),
    );
    return {
      pool,
      input,
      weightsId,
      source,
      layers: summary.layers,
      onProgress: (fraction, label) => report({ fraction, label }),
      stopped: () => cancels !== began,
    };
  }

  /** Keeps weights; frees in the worker the ones the session released to stay within its bound. */
  function keepWeights(summary: WeightsSummary, source: WeightsSource): void {
    for (const id of session.addWeights(summary, source)) {
      void runner.run({ kind: 'release-weights', weightsId: id }).catch(() => undefined);
    }
  }

  async function loadFiles(files: readonly FileBytes[], nMels: number, name: string | undefined) {
    const source: WeightsSource = { kind: 'files', files, nMels, ...(name === undefined ? {} : { name }) };
    const { digest } = deps;
    // With native crypto the files are hashed here while the workers build; else a worker hashes.
    const [summary, sha256] = await Promise.all([
      loadWeightsAs(runner, session.newWeightsId(), source, digest === undefined),
      digest ? digest(filesDigestInput(files)).then(hex) : null,
    ]);
    const hashed = sha256 === null ? summary : { ...summary, sha256 };
    keepWeights(hashed, source);
    return hashed;
  }

  /**
   * Opens what `source` names: each input on its own, all weights files as one set. What opened
   * (each input, and the weights' one item if there is one) is told to the shell once, even when
   * a cancel stopped the call.
   */
  async function open(source: Source, intent: OpenIntent, melConfig?: MelConfig): Promise<OpenResult> {
    const config = melConfig ?? TACOTRON2_MEL;
    const read = await io.read(source, intent);
    const sorted = sortReadItems(read, intent);
    const opened: Origin[] = [];
    try {
      return await openSorted(
        sorted.inputs,
        sorted.weightFiles,
        {
          async openInput(input) {
            const sidecar =
              input.role === 'spectrogram' && !input.sidecar
                ? await io.sidecarOf?.(input.origin, input.name)
                : input.sidecar;
            const openedInput = await openInputFile(runner, { ...input, sidecar: sidecar ?? null }, config);
            opened.push(input.origin);
            return session.addInput(session.newInputId(), input.name, openedInput, input.origin);
          },
          async loadWeights(files) {
            const summary = await loadFiles(files, config.nMels, sorted.weightsName);
            if (sorted.weightsItem) opened.push(sorted.weightsItem.origin);
            return summary;
          },
        },
        read.failures,
      );
    } finally {
      if (opened.length > 0) io.opened?.(opened);
    }
  }

  async function remel(inputId: string, melConfig: MelConfig): Promise<InputDocument> {
    const { document, origin } = session.touchInput(inputId);
    assertHasAudio(document);
    if (document.smoothedFrom) {
      throw new InvalidArgumentError(
        `${document.name} (smoothed) is made from input '${document.smoothedFrom.inputId}': re-analyse that one, then smooth it again`,
      );
    }
    const bytes = await io.reread(origin);
    const analyzed = await runner.run(
      { kind: 'analyze-wav', name: document.name, bytes, melConfig },
      { transfer: [bytes] },
    );
    return session.addInput(inputId, document.name, analyzed, origin); // drops the old mel's result
  }

  async function relabel(inputId: string, melConfig: MelConfig): Promise<InputDocument> {
    const { document } = session.touchInput(inputId);
    assertRelabelFits(document, melConfig);
    return session.relabelInput(inputId, melConfig);
  }

  async function loadBuiltIn(source: WeightsSource): Promise<WeightsSummary> {
    const summary = await loadWeightsAs(runner, session.newWeightsId(), source);
    keepWeights(summary, source);
    return summary;
  }

  /** The other stack of the same files: kept already, or built now under a new id. */
  async function chooseStack(weightsId: string, stack: StackRole): Promise<WeightsSummary> {
    const { summary, source } = session.weights(weightsId);
    if (summary.built === stack) return summary;
    if (source.kind !== 'files') {
      throw new InvalidArgumentError(
        `${summary.name} are built in and hold one stack only: there is no ${stack} to build`,
      );
    }
    const kept = session.findWeights(
      (record) =>
        record.source.kind === 'files' &&
        record.source.files === source.files &&
        record.source.nMels === source.nMels &&
        record.summary.built === stack,
    );
    if (kept) return kept.summary;
    const next: WeightsSource = { ...source, stack };
    // The same files: the same SHA-256 (the worker hashes only when the host could not).
    const built = await loadWeightsAs(runner, session.newWeightsId(), next, summary.sha256 === null);
    const chosen = summary.sha256 === null ? built : { ...built, sha256: summary.sha256 };
    keepWeights(chosen, next);
    return chosen;
  }

  /**
   * The demo post-net (its bytes read through the I/O port the first time) or the untrained one;
   * each is built once. A demo file that cannot be read gives the untrained weights, saying why.
   */
  async function defaultWeights(which: BuiltInWeights = 'demo'): Promise<WeightsSummary> {
    const loaded = session.builtInWeights(which);
    if (loaded) return loaded;
    if (which === 'untrained') return loadBuiltIn({ kind: 'default' });
    let bytes: Uint8Array;
    try {
      bytes = await io.demoWeights();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const untrained = session.builtInWeights('untrained') ?? (await loadBuiltIn({ kind: 'default' }));
      const warning = `the bundled demo post-net could not be read (${why}): these are the untrained weights`;
      return { ...untrained, warnings: [warning, ...untrained.warnings] };
    }
    return loadBuiltIn({ kind: 'demo', bytes });
  }

  async function process(request: ProcessRequest): Promise<ProcessSummary> {
    const { inputId, weightsId } = request;
    const started = Date.now();
    const context = runContext(inputId, weightsId);
    const run = await runProcess(context, request, (part) => events.part(part));
    const { input } = context;
    const { nMels, nFrames, engine } = run;
    const summary: ProcessSummary = {
      inputId,
      inputRevision: input.revision,
      weightsId,
      nMels,
      nFrames,
      elapsedMs: Date.now() - started,
      engine,
    };
    // For export: kept only while it still belongs to what is held.
    session.setResult({ ...summary, residual: run.residual, output: run.output });
    return summary;
  }

  /** Runs the stack up to the layer only, over the range asked; the output is passed on, not kept. */
  async function layerOutput(request: LayerOutputRequest): Promise<LayerActivations> {
    const { activations } = await runLayerWindow(runContext(request.inputId, request.weightsId), request);
    return activations;
  }

  /** The kept result of input + weights, processed now (no window watching its parts) if none is. */
  async function processKept(inputId: string, weightsId: string) {
    if (!session.result(inputId, weightsId)) await process({ inputId, weightsId, stream: -1 });
    const result = session.result(inputId, weightsId);
    if (!result) {
      const { name } = session.touchInput(inputId).document;
      throw new UnknownDocumentError(`${name} was closed while it was processed`);
    }
    return result;
  }

  const listen: ListenDeps<Origin> = {
    runner,
    session,
    io,
    process: ({ inputId, weightsId }) => processKept(inputId, weightsId),
  };

  async function exportResult(request: ExportRequest): Promise<ExportResult | null> {
    const { inputId, weightsId, format } = request;
    const input = session.touchInput(inputId).document;
    const { summary } = session.weights(weightsId);
    const result = await processKept(inputId, weightsId);
    const target = await io.exportTarget(format, defaultExportName(input.name, format));
    if (!target) return null;
    const job = exportJob({
      format,
      fileName: target.fileName,
      input,
      weights: summary,
      result,
      appVersion: deps.appVersion,
      createdAt: now(),
      ...(request.png ? { png: request.png } : {}),
    });
    const encoded = await runner.run(job, { transfer: request.png ? [request.png] : [] });
    return target.write(encoded.file, encoded.sidecar);
  }

  return {
    async startup(): Promise<StartupState> {
      return { ...io.startup(), appVersion: deps.appVersion, melPresets: MEL_PRESETS };
    },
    open,
    remel,
    relabel,
    defaultWeights,
    chooseStack,
    process,
    layerOutput,
    smooth: (inputId) => smoothInput(listen, inputId),
    inputAudio: (inputId) => inputAudioOf(listen, inputId),
    synthesize: (request) => synthesizeMel(listen, request),
    exportResult,
    ...microscopeCalls({ runner, session, io, appVersion: deps.appVersion, now }),
    async showRecent() {
      await io.showRecent?.();
    },
    async cancel() {
      cancels++;
      runner.cancel();
    },
    async setTitle(documentName) {
      io.setTitle(windowTitle(documentName));
    },
    async saveSettings(settings) {
      io.saveSettings(settings);
    },
    onProgress: (listener) => events.onProgress(listener),
    onResultPart: (listener) => events.onResultPart(listener),
    onCommand: (listener) => events.onCommand(listener),
    command: (command) => events.command(command),
    held: () => session.held(),
  };
}
