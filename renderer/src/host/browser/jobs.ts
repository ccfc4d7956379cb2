/**
 * The browser worker's jobs, each a thin call into shared/: classify and analyse opened files,
 * build weights, run the stack, encode exports. Built stacks are kept by weights id; a job that
 * needs one the worker lacks (it was restarted after a cancel) rebuilds it from its source.
 */
import { version } from '../../../../package.json';
import { classifyFile } from '../../../../shared/api/classify';
import type { CancelSignal } from '../../../../shared/cancel';
import { toErrorInfo } from '../../../../shared/errors';
import { encodeExport } from '../../../../shared/export/encode';
import { defaultExportName, sidecarName } from '../../../../shared/export/names';
import { TACOTRON2_MEL } from '../../../../shared/mel/config';
import type { Conv1dStack } from '../../../../shared/model/types';
import { analyzeWav } from '../../../../shared/pipeline/analyze';
import { processSpectrogram } from '../../../../shared/pipeline/process';
import { spectrogramFromNpy } from '../../../../shared/pipeline/spectrogram-npy';
import { defaultWeights, loadWeights } from '../../../../shared/pipeline/weights';
import type {
  FileBytes,
  JobOf,
  OpenedFiles,
  OpenedInput,
  WeightsSource,
  WorkerJob,
  WorkerResults,
} from './protocol';

export interface JobContext {
  signal: CancelSignal;
  progress: (label: string, fraction: number) => void;
  stacks: Map<string, Conv1dStack>;
}

function buildWeights(source: WeightsSource, nMels: number) {
  return source.kind === 'default' ? defaultWeights() : loadWeights(source.files, { nMels });
}

function open(job: JobOf<'open'>, context: JobContext): OpenedFiles {
  const config = job.melConfig ?? TACOTRON2_MEL;
  const inputs: OpenedInput[] = [];
  const weightFiles: FileBytes[] = [];
  const failures: OpenedFiles['failures'] = [];
  let firstError: unknown = null;
  job.files.forEach((file, index) => {
    const role = classifyFile(file.name, file.bytes.subarray(0, 16), job.intent);
    if (role === 'weights') {
      weightFiles.push(file);
      return;
    }
    const label = `analysing ${file.name}`;
    try {
      if (role === 'audio') {
        const onProgress = (f: number) => context.progress(label, (index + f) / job.files.length);
        const { audio, mel } = analyzeWav(file.bytes, file.name, config, {
          signal: context.signal,
          onProgress,
        });
        inputs.push({ name: file.name, audio, mel });
      } else {
        inputs.push({ name: file.name, audio: null, mel: spectrogramFromNpy(file.bytes, file.name, config) });
      }
    } catch (error) {
      firstError ??= error;
      failures.push({ name: file.name, error: toErrorInfo(error) });
    }
  });
  let weights: OpenedFiles['weights'] = null;
  if (weightFiles.length > 0) {
    context.progress(`reading ${weightFiles.map((f) => f.name).join(', ')}`, 0.5);
    try {
      const loaded = loadWeights(weightFiles, { nMels: inputs[0]?.mel.nMels ?? config.nMels });
      context.stacks.set(job.weightsId, loaded.stack);
      weights = loaded.summary;
    } catch (error) {
      firstError ??= error;
      failures.push({ name: weightFiles.map((f) => f.name).join(', '), error: toErrorInfo(error) });
    }
  }
  if (inputs.length === 0 && !weights && firstError) throw firstError;
  return { inputs, weights, failures };
}

async function process(job: JobOf<'process'>, context: JobContext): Promise<WorkerResults['process']> {
  let stack = context.stacks.get(job.weightsId);
  if (!stack) {
    stack = buildWeights(job.weights, job.mel.nMels).stack;
    context.stacks.set(job.weightsId, stack);
  }
  const started = performance.now();
  const result = await processSpectrogram(stack, job.mel, {
    signal: context.signal,
    onProgress: ({ layersDone, layerCount, fraction }) =>
      context.progress(`conv ${Math.min(layersDone + 1, layerCount)} of ${layerCount}`, fraction),
    activations: job.activations,
  });
  return {
    nMels: result.nChannels,
    nFrames: result.nFrames,
    residual: result.residual,
    output: result.output,
    activations: result.activations,
    elapsedMs: performance.now() - started,
  };
}

function exportFiles(job: JobOf<'export'>, context: JobContext): WorkerResults['export'] {
  const { payload } = job;
  const fileName = defaultExportName(payload.inputName, payload.format);
  const encoded = encodeExport(
    {
      format: payload.format,
      fileName,
      input: payload.input,
      residual: payload.residual,
      output: payload.output,
      audio: payload.audio,
      weights: payload.weights,
      appVersion: version,
      createdAt: new Date().toISOString(),
      ...(payload.png ? { png: payload.png } : {}),
    },
    {
      signal: context.signal,
      onProgress: ({ done, total }) => context.progress(`encoding ${fileName}`, total > 0 ? done / total : 1),
    },
  );
  return {
    file: { name: fileName, bytes: encoded.file },
    sidecar: { name: sidecarName(fileName), bytes: encoded.sidecar },
  };
}

export async function runJob(job: WorkerJob, context: JobContext): Promise<WorkerResults[WorkerJob['kind']]> {
  switch (job.kind) {
    case 'open':
      return open(job, context);
    case 'remel': {
      const { audio, mel } = analyzeWav(job.file.bytes, job.file.name, job.melConfig, {
        signal: context.signal,
        onProgress: (f) => context.progress(`analysing ${job.file.name}`, f),
      });
      return { name: job.file.name, audio, mel };
    }
    case 'default-weights': {
      const loaded = defaultWeights();
      context.stacks.set(job.weightsId, loaded.stack);
      return loaded.summary;
    }
    case 'process':
      return process(job, context);
    case 'export':
      return exportFiles(job, context);
  }
}
