/**
 * The PostnetApi as main implements it: resolves what the renderer names (granted ids, the
 * sample, dialogs), reads files (files.ts), runs every computation as a worker job, keeps the
 * results the renderer may ask for again (session.ts) and writes exports atomically.
 * No Electron import: dialogs and window effects come in through `ServiceDeps`.
 */
import { basename, dirname, join } from 'node:path';
import type {
  ExportRequest,
  ExportResult,
  InputDocument,
  OpenIntent,
  OpenResult,
  ProcessRequest,
  ProcessResult,
  RecentFile,
  StartupState,
  WeightsSummary,
} from '../../shared/api/contract';
import { ApiError } from '../../shared/api/contract';
import { InvalidArgumentError } from '../../shared/api/errors';
import type { WireFileSource } from '../../shared/api/ipc';
import type { WeightFile } from '../../shared/api/worker-protocol';
import { CancelledError, toErrorInfo } from '../../shared/errors';
import { defaultExportName, sidecarName } from '../../shared/export/names';
import { MEL_PRESETS, TACOTRON2_MEL, type MelConfig } from '../../shared/mel/config';
import { withRecent } from './app-state';
import type { Dialogs } from './dialogs';
import { readBytes, writeFilesAtomic } from './files';
import type { FileGrants } from './grants';
import type { AppPaths } from './paths';
import { readOpened, type OpenItem, type ReadInput } from './read-opened';
import { DEFAULT_WEIGHTS_ID, type Session, type WeightsSource } from './session';
import type { StateStore } from './state-store';
import type { WorkerOwner } from './worker-owner';

export interface ServiceDeps {
  owner: WorkerOwner;
  grants: FileGrants;
  session: Session;
  store: StateStore;
  dialogs: Dialogs;
  paths: Pick<AppPaths, 'sampleWav'>;
  appVersion: string;
  /** Paths from the command line, already granted, to open first. */
  startupPaths: readonly string[];
  /** Open Recent changed: rebuild the menu, tell the renderer, tell the OS. */
  onRecentChanged: (recent: readonly RecentFile[], openedPath: string | null) => void;
  setTitle: (documentName: string | null) => void;
  now?: () => Date;
}

export class PostnetService {
  constructor(private readonly deps: ServiceDeps) {}

  startup(): StartupState {
    const ids = this.deps.startupPaths.map((path) => this.deps.grants.grant(path, 'command-line').id);
    return {
      host: 'electron',
      appVersion: this.deps.appVersion,
      openFirst: ids.length > 0 ? { kind: 'granted', ids } : { kind: 'sample' },
      recent: this.recentFiles(),
      melPresets: MEL_PRESETS,
    };
  }

  /** Open Recent as the renderer sees it: each entry granted (the user chose it before). */
  recentFiles(): RecentFile[] {
    return this.deps.store.current.recent.map(({ path }) => {
      const grant = this.deps.grants.grant(path, 'recent');
      return { id: grant.id, name: grant.name, location: path };
    });
  }

  clearRecent(): void {
    this.deps.store.update((state) => ({ ...state, recent: [] }));
    this.deps.onRecentChanged([], null);
  }

  async open(source: WireFileSource, intent: OpenIntent, melConfig: MelConfig | null): Promise<OpenResult> {
    const config = melConfig ?? TACOTRON2_MEL;
    const items = await this.resolveSource(source, intent);
    const read = await readOpened(items, intent);
    const failures = [...read.failures];
    const inputs: InputDocument[] = [];
    for (const input of read.inputs) {
      try {
        inputs.push(await this.openInput(input, config));
        if (input.origin.kind === 'file') this.noteOpened(input.origin.path);
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        failures.push({ name: input.name, error: toErrorInfo(error) });
      }
    }
    let weights: WeightsSummary | null = null;
    if (read.weightFiles.length > 0) {
      try {
        weights = await this.loadWeights(read.weightFiles, config.nMels);
        read.weightPaths.forEach((path) => this.noteOpened(path));
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        failures.push({
          name: read.weightFiles.map((file) => file.name).join(', '),
          error: toErrorInfo(error),
        });
      }
    }
    if (inputs.length === 0 && weights === null && failures.length > 0)
      throw new ApiError(failures[0]!.error);
    return failures.length > 0 ? { inputs, weights, failures } : { inputs, weights };
  }

  async remel(inputId: string, melConfig: MelConfig): Promise<InputDocument> {
    const { document, origin } = this.deps.session.input(inputId);
    if (document.audio === null) {
      throw new InvalidArgumentError(
        `${document.name} is a spectrogram (.npy): there is no audio to compute another mel from`,
      );
    }
    const bytes = await readBytes(origin.path);
    const opened = await this.deps.owner.run(
      { kind: 'analyze-wav', name: document.name, bytes, melConfig },
      { transfer: [bytes] },
    );
    return this.deps.session.addInput(inputId, document.name, opened.audio, opened.mel, origin);
  }

  async defaultWeights(): Promise<WeightsSummary> {
    const { session, owner } = this.deps;
    if (session.hasWeights(DEFAULT_WEIGHTS_ID)) return session.weights(DEFAULT_WEIGHTS_ID).summary;
    const { summary } = await owner.run({ kind: 'load-default-weights', weightsId: DEFAULT_WEIGHTS_ID });
    const withId = { ...summary, id: DEFAULT_WEIGHTS_ID };
    session.addWeights(withId, { kind: 'default' });
    return withId;
  }

  async process(request: ProcessRequest): Promise<ProcessResult> {
    const { session, owner } = this.deps;
    const { inputId, weightsId } = request;
    const input = session.input(inputId).document;
    session.weights(weightsId); // fails clearly before any work if the id is unknown
    const started = performance.now();
    const run = () =>
      owner.run({
        kind: 'process',
        weightsId,
        input: input.mel,
        keepActivations: request.activations ?? [],
      });
    const result = await this.withWeightsLoaded(weightsId, run);
    session.setResult({ inputId, weightsId, ...result });
    return { inputId, weightsId, ...result, elapsedMs: performance.now() - started };
  }

  async exportResult(request: ExportRequest): Promise<ExportResult | null> {
    const { session, dialogs, owner } = this.deps;
    const input = session.input(request.inputId).document;
    const weights = session.weights(request.weightsId).summary;
    const result =
      session.result(request.inputId, request.weightsId) ??
      (await this.process({ inputId: request.inputId, weightsId: request.weightsId }));
    const path = await dialogs.pickExportPath(request.format, defaultExportName(input.name, request.format));
    if (path === null) return null;
    const encoded = await owner.run(
      {
        kind: 'export',
        content: {
          format: request.format,
          fileName: basename(path),
          input: input.mel,
          residual: result.residual,
          output: result.output,
          audio: input.audio,
          weights: {
            name: weights.name,
            sha256: weights.sha256,
            isDefault: weights.isDefault,
            residual: weights.residual,
          },
          appVersion: this.deps.appVersion,
          createdAt: (this.deps.now?.() ?? new Date()).toISOString(),
          ...(request.png ? { png: request.png } : {}),
        },
      },
      { transfer: request.png ? [request.png] : [] },
    );
    const sidecarPath = join(dirname(path), sidecarName(basename(path)));
    await writeFilesAtomic([
      { path, bytes: encoded.file },
      { path: sidecarPath, bytes: encoded.sidecar },
    ]);
    return { location: path, sidecarLocation: sidecarPath };
  }

  cancel(): void {
    this.deps.owner.cancel();
  }

  setTitle(documentName: string | null): void {
    this.deps.setTitle(documentName);
  }

  private async resolveSource(source: WireFileSource, intent: OpenIntent): Promise<OpenItem[]> {
    const { grants, dialogs } = this.deps;
    switch (source.kind) {
      case 'dialog': {
        const paths = await dialogs.pickToOpen(intent, source.folder ?? false);
        return paths.map((path) => ({ kind: 'grant', grant: grants.grant(path, 'dialog') }));
      }
      case 'dropped-paths':
        return source.paths.map((path) => ({ kind: 'grant', grant: grants.grant(path, 'drop') }));
      case 'granted':
        return source.ids.map((id) => ({ kind: 'grant', grant: grants.resolve(id) }));
      case 'sample':
        return [{ kind: 'sample', path: this.deps.paths.sampleWav }];
    }
  }

  private async openInput(input: ReadInput, config: MelConfig): Promise<InputDocument> {
    const { owner, session } = this.deps;
    const id = session.newInputId();
    if (input.role === 'audio') {
      const opened = await owner.run(
        { kind: 'analyze-wav', name: input.name, bytes: input.bytes, melConfig: config },
        { transfer: [input.bytes] },
      );
      return session.addInput(id, input.name, opened.audio, opened.mel, input.origin);
    }
    const { mel } = await owner.run(
      { kind: 'read-spectrogram-npy', name: input.name, bytes: input.bytes, melConfig: config },
      { transfer: [input.bytes] },
    );
    return session.addInput(id, input.name, null, mel, input.origin);
  }

  private async loadWeights(files: WeightFile[], nMels: number): Promise<WeightsSummary> {
    const { owner, session } = this.deps;
    const weightsId = session.newWeightsId();
    // Not transferred: main keeps the bytes to rebuild the stack in a fresh worker.
    const { summary } = await owner.run({ kind: 'load-weights', weightsId, files, nMels });
    const withId = { ...summary, id: weightsId };
    const released = session.addWeights(withId, { kind: 'files', files, nMels });
    for (const id of released)
      void owner.run({ kind: 'release-weights', weightsId: id }).catch(() => undefined);
    return withId;
  }

  /** Runs `job`; if the worker lost the weights (it was restarted), re-sends them and runs it once more. */
  private async withWeightsLoaded<T>(weightsId: string, job: () => Promise<T>): Promise<T> {
    try {
      return await job();
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'WeightsNotLoadedError') throw error;
    }
    await this.reloadWeights(weightsId, this.deps.session.weights(weightsId).source);
    return job();
  }

  private async reloadWeights(weightsId: string, source: WeightsSource): Promise<void> {
    if (source.kind === 'default') await this.deps.owner.run({ kind: 'load-default-weights', weightsId });
    else
      await this.deps.owner.run({
        kind: 'load-weights',
        weightsId,
        files: source.files,
        nMels: source.nMels,
      });
  }

  private noteOpened(path: string): void {
    this.deps.store.update((current) => ({
      ...current,
      recent: withRecent(current.recent, path, (this.deps.now?.() ?? new Date()).toISOString()),
    }));
    this.deps.onRecentChanged(this.recentFiles(), path);
  }
}
