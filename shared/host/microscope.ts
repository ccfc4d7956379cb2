/**
 * The host's microscope calls, for both shells: each runs a worker job against weights the
 * session keeps (re-sent to a fresh worker when it lost them, as for process). The cell is
 * computed in the worker from its receptive field only, so only the explanation crosses; a text
 * run is small (at most MAX_TEXT_LENGTH characters) and returns every layer. A tensor export goes
 * the way every export goes: the shell's export target (save dialog + atomic write, or a download).
 */
import type { ExportResult } from '../api/contract';
import type {
  ExplainRequest,
  ExplainResult,
  LayerFilters,
  LayerFiltersRequest,
  MicroscopeCalls,
  TensorExportRequest,
  TensorStats,
  TextRunRequest,
  TextRunResult,
} from '../api/microscope';
import { tensorExportName } from '../export/tensor';
import type { JobRunner } from '../jobs/runner';
import { sidecarWeights } from './export';
import type { HostIo } from './io';
import type { Session } from './session';
import { withWeightsLoaded } from './weights';

export interface MicroscopeDeps<Source, Origin> {
  runner: JobRunner;
  session: Session<Origin>;
  io: HostIo<Source, Origin>;
  appVersion: string;
  now: () => Date;
}

export function microscopeCalls<Source, Origin>(deps: MicroscopeDeps<Source, Origin>): MicroscopeCalls {
  const { runner, session, io } = deps;
  /** Runs a job that needs the weights in the worker, re-sending them once if it lost them. */
  function withWeights<T>(weightsId: string, job: () => Promise<T>): Promise<T> {
    const { source } = session.weights(weightsId); // fails clearly before any work if the id is unknown
    return withWeightsLoaded(runner, weightsId, source, job);
  }

  async function explain(request: ExplainRequest): Promise<ExplainResult> {
    const { weightsId, source, layer, channel, frame } = request;
    const index = { layer, channel, frame };
    if (source.kind === 'input') {
      const input = session.touchInput(source.inputId).document;
      return withWeights(weightsId, () =>
        runner.run({ kind: 'explain-cell', weightsId, input: input.mel, index }),
      );
    }
    const { text, cleaners } = source;
    return withWeights(weightsId, () =>
      runner.run({ kind: 'explain-text-cell', weightsId, text, cleaners, index }),
    );
  }

  function textRun(request: TextRunRequest): Promise<TextRunResult> {
    const { weightsId, text, cleaners } = request;
    return withWeights(weightsId, () => runner.run({ kind: 'text-run', weightsId, text, cleaners }));
  }

  function layerFilters(request: LayerFiltersRequest): Promise<LayerFilters> {
    const { weightsId, stack, layer } = request;
    return withWeights(weightsId, () => runner.run({ kind: 'layer-filters', weightsId, stack, layer }));
  }

  function tensorStats(weightsId: string): Promise<TensorStats[]> {
    return withWeights(weightsId, () => runner.run({ kind: 'tensor-stats', weightsId }));
  }

  async function exportTensor(request: TensorExportRequest): Promise<ExportResult | null> {
    const { weightsId, key, format } = request;
    const { summary } = session.weights(weightsId);
    const target = await io.exportTarget(`tensor-${format}`, tensorExportName(key, format));
    if (!target) return null;
    const encoded = await withWeights(weightsId, () =>
      runner.run({
        kind: 'tensor-export',
        weightsId,
        key,
        format,
        fileName: target.fileName,
        weights: sidecarWeights(summary),
        appVersion: deps.appVersion,
        createdAt: deps.now().toISOString(),
      }),
    );
    return target.write(encoded.file, encoded.sidecar);
  }

  return { explain, textRun, layerFilters, tensorStats, exportTensor };
}
