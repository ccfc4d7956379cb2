/**
 * Bench section `worker`: what the worker boundary costs. Medians of several runs: opening a WAV
 * and processing it in-process vs through the real `worker_threads` worker (Electron's, started
 * from source), moving vs copying a large result across a MessagePort, and how long a cancel
 * takes to land.
 *
 *   npm run bench -- worker
 */
import { MessageChannel } from 'node:worker_threads';
import { TACOTRON2_MEL } from '../../shared/mel/config';
import { analyzeWav } from '../../shared/pipeline/analyze';
import { processSpectrogram } from '../../shared/pipeline/process';
import { defaultWeights } from '../../shared/weights/load';
import { transferListFor } from '../../shared/jobs/transfer';
import { pcm16Wav } from '../helpers/make-wav';
import { createTestOwner } from '../electron/worker/start-worker';
import { medianOf } from '../helpers/median';
import { sectionOptions } from './args';
import { ms, timeOnce, type BenchSection } from './timing';
import { wholeProcessJob } from '../helpers/chunk-jobs';

const RUNS = 5;

async function medianTime(run: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeOnce(run));
  return medianOf(times);
}

/** `seconds` of a 220 Hz tone as 16-bit PCM at 22.05 kHz: 10 s is 862 frames at hop 256. */
export function toneWav(seconds: number): Uint8Array {
  const n = Math.round(seconds * 22050);
  const values = Array.from({ length: n }, (_, i) =>
    Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / 22050)),
  );
  return pcm16Wav(values);
}

function postOnce(data: Float32Array, move: boolean): Promise<number> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    const start = performance.now();
    port2.once('message', () => {
      resolve(performance.now() - start);
      port1.close();
      port2.close();
    });
    port1.postMessage({ data }, move ? transferListFor([data]) : []);
  });
}

async function runWorkerBench(): Promise<void> {
  const owner = createTestOwner();
  try {
    const wav = toneWav(10);
    const mel = analyzeWav(wav, 'tone.wav', TACOTRON2_MEL).mel;
    await owner.run({ kind: 'load-default-weights', weightsId: 'w' });

    const openLocal = await medianTime(() => analyzeWav(wav, 'tone.wav', TACOTRON2_MEL));
    const openWorker = await medianTime(() => {
      const bytes = wav.slice();
      return owner.run(
        { kind: 'analyze-wav', name: 'tone.wav', bytes, melConfig: TACOTRON2_MEL },
        { transfer: [bytes] },
      );
    });
    const processLocal = await medianTime(() => processSpectrogram(defaultWeights().stack, mel));
    const processWorker = await medianTime(() => owner.run(wholeProcessJob('w', mel, 4, 'auto')));

    const moved: number[] = [];
    const copied: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      moved.push(await postOnce(new Float32Array(80 * 50_000).fill(1), true));
      copied.push(await postOnce(new Float32Array(80 * 50_000).fill(1), false));
    }

    const long = analyzeWav(toneWav(60), 'long.wav', TACOTRON2_MEL).mel;
    const cancelLatency: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const job = owner.run(wholeProcessJob('w', long, 4, 'auto'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const start = performance.now();
      owner.cancel();
      await job.catch(() => undefined);
      cancelLatency.push(performance.now() - start);
    }

    console.log(`  medians of ${RUNS} runs, ${mel.nFrames}-frame (10 s) input`);
    console.log(`  open 10 s WAV   in-process ${ms(openLocal)}   worker ${ms(openWorker)}`);
    console.log(`  process 10 s    in-process ${ms(processLocal)}   worker ${ms(processWorker)}`);
    console.log(`  16 MB result    moved ${ms(medianOf(moved))}   copied ${ms(medianOf(copied))}`);
    console.log(
      `  cancel of a 60 s process lands in ${ms(medianOf(cancelLatency))} (workers started: ${owner.workersStarted})`,
    );
  } finally {
    await owner.dispose();
  }
}

export const workerSection: BenchSection = {
  name: 'worker',
  title: 'the worker boundary: in-process vs worker, moved vs copied results, cancel latency',
  run(args) {
    sectionOptions('worker', args, {});
    return runWorkerBench();
  },
};
