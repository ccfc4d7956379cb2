/** Worker jobs over a whole spectrogram as one chunk (what a host sends for a short input). */
import type { EngineChoice } from '../../shared/backend/engine-choice';
import type { JobOf } from '../../shared/jobs/protocol';
import type { Spectrogram } from '../../shared/spectrogram';

/** Frames a chunk may span: more than any test input, so the plan is one chunk. */
const ONE_CHUNK = 1 << 20;

/** `process-chunk` over all of `mel` through layers 0 … lastLayer (4: the Tacotron 2 post-net's last). */
export function wholeProcessJob(
  weightsId: string,
  mel: Spectrogram,
  lastLayer = 4,
  engine: EngineChoice = 'js',
): JobOf<'process-chunk'> {
  return {
    kind: 'process-chunk',
    weightsId,
    engine,
    chunk: { nFrames: mel.nFrames, chunkFrames: ONE_CHUNK, lastLayer, index: 0, sourceName: mel.source.name },
    input: { nChannels: mel.nMels, nFrames: mel.nFrames, data: mel.data.slice(), firstFrame: 0 },
  };
}
