/**
 * The PostnetApi as main implements it: resolves what the renderer names (granted ids, the
 * sample, dialogs), reads files (files.ts), runs every computation as a worker job, keeps the
 * results the renderer may ask for again (shared/host/session.ts: residual and output for export,
 * never layer outputs) and writes exports atomically.
 * No Electron import: dialogs and window effects come in through `ServiceDeps`.
 */
import { basename, dirname, join } from 'node:path';
import type {
  ExportRequest,
  ExportResult,
  InputDocument,
  LayerActivations,
  LayerOutputRequest,
  OpenIntent,
  OpenResult,
  ProcessRequest,
  ProcessResult,
  RecentFile,
  StartupState,
  WeightsSummary,
} from '../../shared/api/contract';
import type { WireFileSource } from '../../shared/api/ipc';
import { defaultExportName, sidecarName } from '../../shared/export/names';
import { exportJob } from '../../shared/host/export';
import { assertHasAudio, openInputFile, openSorted } from '../../shared/host/open';
import {
  layerOutputOfInput,
  loadWeightsAs,
  processInput,
  type WeightsSource,
} from '../../shared/host/weights';
import type { Session } from '../../shared/host/session';
import type { FileBytes } from '../../shared/jobs/protocol';
import { MEL_PRESETS, TACOTRON2_MEL, type MelConfig } from '../../shared/mel/config';
import { withRecent } from './app-state';
import type { Dialogs } from './dialogs';
import { readBytes, writeFilesAtomic } from './files';
import type { FileGrants } from './grants';
import type { AppPaths } from './paths';
import { readOpened, type InputOrigin, type OpenItem, type ReadInput } from './read-opened';
import type { StateStore } from './state-store';
import type { WorkerOwner } from './worker-owner';

export interface ServiceDeps {
  owner: WorkerOwner;
  grants: FileGrants;
  session: Session<InputOrigin>;
  store: StateStore;
  dialogs: Dialogs;
  paths: Pick<AppPaths, 'sampleWav'>;
  appVersion: string;
  /** Paths from the command line, already granted, to open first. */
  startupPaths: readonly string[];
  /**
   * Open Recent changed, once per open call or clear: rebuild the menu, tell the renderer, tell
   * the OS about `openedPaths` (null when the list was cleared).
   */
  onRecentChanged: (recent: readonly RecentFile[], openedPaths: readonly string[] | null) => void;
  setTitle: (documentName: string | null) => void;
  now?: () => Date;
}

export class PostnetService {
  constructor(private readonly deps: ServiceDeps) {}

  startup(): StartupState {
    const ids = this.deps.startupPaths.map((path) => this.deps.grants.grant(path).id);
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
      const grant = this.deps.grants.grant(path);
      return { id: grant.id, name: grant.name, location: path };
    });
  }

  clearRecent(): void {
    this.deps.store.update((state) => ({ ...state, recent: [] }));
    this.deps.onRecentChanged([], null);
  }

  /**
   * Opens what `source` names. Open Recent gets one entry per document that opened (each input;
   * the weights as the one path that reopens them, if there is one), in one update and one event.
   */
  async open(source: WireFileSource, intent: OpenIntent, melConfig: MelConfig | null): Promise<OpenResult> {
    const config = melConfig ?? TACOTRON2_MEL;
    const read = await readOpened(await this.resolveSource(source, intent), intent);
    const opened: string[] = [];
    try {
      return await openSorted(
        read.inputs,
        read.weightFiles,
        {
          openInput: async (input) => {
            const document = await this.openInput(input, config);
            if (input.origin.kind === 'file') opened.push(input.origin.path);
            return document;
          },
          loadWeights: async (files) => {
            const weights = await this.loadWeights(files, config.nMels, read.weightsName);
            if (read.weightsRecentPath !== null) opened.push(read.weightsRecentPath);
            return weights;
          },
        },
        read.failures,
      );
    } finally {
      this.noteOpened(opened); // also what opened before a cancel stopped the call
    }
  }

  async remel(inputId: string, melConfig: MelConfig): Promise<InputDocument> {
    const { document, origin } = this.deps.session.touchInput(inputId);
    assertHasAudio(document);
    const bytes = await readBytes(origin.path);
    const opened = await this.deps.owner.run(
      { kind: 'analyze-wav', name: document.name, bytes, melConfig },
      { transfer: [bytes] },
    );
    return this.deps.session.addInput(inputId, document.name, opened.audio, opened.mel, origin);
  }

  async defaultWeights(): Promise<WeightsSummary> {
    const { session, owner } = this.deps;
    const loaded = session.defaultWeights();
    if (loaded) return loaded;
    const summary = await loadWeightsAs(owner, session.newWeightsId(), { kind: 'default' });
    session.addWeights(summary, { kind: 'default' });
    return summary;
  }

  async process(request: ProcessRequest): Promise<ProcessResult> {
    const { session, owner } = this.deps;
    const { inputId, weightsId } = request;
    const input = session.touchInput(inputId).document;
    const { source } = session.weights(weightsId); // fails clearly before any work if the id is unknown
    const started = performance.now();
    const result = await processInput(owner, {
      input: input.mel,
      weightsId,
      source,
      ...(request.activations ? { activations: request.activations } : {}),
    });
    session.setResult(input, { inputId, weightsId, ...result });
    return { inputId, weightsId, ...result, elapsedMs: performance.now() - started };
  }

  /** Runs the stack up to `request.layer` only; main passes the output on and keeps none of it. */
  async layerOutput(request: LayerOutputRequest): Promise<LayerActivations> {
    const { session, owner } = this.deps;
    const input = session.touchInput(request.inputId).document;
    const { source } = session.weights(request.weightsId);
    return layerOutputOfInput(owner, {
      input: input.mel,
      weightsId: request.weightsId,
      source,
      layer: request.layer,
    });
  }

  async exportResult(request: ExportRequest): Promise<ExportResult | null> {
    const { session, dialogs, owner } = this.deps;
    const input = session.touchInput(request.inputId).document;
    const weights = session.weights(request.weightsId).summary;
    const result =
      session.result(request.inputId, request.weightsId) ??
      (await this.process({ inputId: request.inputId, weightsId: request.weightsId }));
    const path = await dialogs.pickExportPath(request.format, defaultExportName(input.name, request.format));
    if (path === null) return null;
    const job = exportJob({
      format: request.format,
      fileName: basename(path),
      input,
      weights,
      result,
      appVersion: this.deps.appVersion,
      createdAt: this.deps.now?.() ?? new Date(),
      ...(request.png ? { png: request.png } : {}),
    });
    const encoded = await owner.run(job, { transfer: request.png ? [request.png] : [] });
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
        return paths.map((path) => ({ kind: 'grant', grant: grants.grant(path) }));
      }
      case 'dropped-paths':
        return source.paths.map((path) => ({ kind: 'grant', grant: grants.grant(path) }));
      case 'granted':
        return source.ids.map((id) => ({ kind: 'grant', grant: grants.resolve(id) }));
      case 'sample':
        return [{ kind: 'sample', path: this.deps.paths.sampleWav }];
    }
  }

  private async openInput(input: ReadInput, config: MelConfig): Promise<InputDocument> {
    const { audio, mel } = await openInputFile(this.deps.owner, input, config, true);
    const { session } = this.deps;
    return session.addInput(session.newInputId(), input.name, audio, mel, input.origin);
  }

  private async loadWeights(
    files: readonly FileBytes[],
    nMels: number,
    name: string | undefined,
  ): Promise<WeightsSummary> {
    const { owner, session } = this.deps;
    const source: WeightsSource = { kind: 'files', files, nMels, ...(name === undefined ? {} : { name }) };
    const summary = await loadWeightsAs(owner, session.newWeightsId(), source);
    const released = session.addWeights(summary, source);
    for (const id of released)
      void owner.run({ kind: 'release-weights', weightsId: id }).catch(() => undefined);
    return summary;
  }

  /** Puts what one open call opened at the top of Open Recent: one store update, one event. */
  private noteOpened(paths: readonly string[]): void {
    if (paths.length === 0) return;
    const openedAt = (this.deps.now?.() ?? new Date()).toISOString();
    this.deps.store.update((current) => ({
      ...current,
      recent: paths.reduce((recent, path) => withRecent(recent, path, openedAt), current.recent),
    }));
    this.deps.onRecentChanged(this.recentFiles(), paths);
  }
}
