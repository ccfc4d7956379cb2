/**
 * A host's `process` as one call that gives the whole arrays: collects the run's `ResultPart`s
 * (the chunks, in whatever order the workers finish them) and places them, as the window does.
 * The engine is the TypeScript one unless asked: its chunks equal an unchunked run bit for bit.
 */
import type {
  LayerOutputRequest,
  PostnetEvents,
  ProcessRequest,
  ProcessSummary,
  ResultPart,
} from '../../shared/api/contract';

interface ProcessingHost extends Pick<PostnetEvents, 'onResultPart'> {
  process(request: ProcessRequest): Promise<ProcessSummary>;
}

export interface CollectedResult extends ProcessSummary {
  residual: Float32Array;
  output: Float32Array;
  parts: ResultPart[];
}

let nextStream = 1000;

export async function processWhole(
  host: ProcessingHost,
  request: Omit<ProcessRequest, 'stream'> & { stream?: number },
): Promise<CollectedResult> {
  const stream = request.stream ?? nextStream++;
  const parts: ResultPart[] = [];
  const unsubscribe = host.onResultPart((part) => {
    if (part.stream === stream) parts.push(part);
  });
  try {
    const summary = await host.process({ engine: 'js', ...request, stream });
    const { nMels, nFrames } = summary;
    const residual = new Float32Array(nMels * nFrames).fill(Number.NaN);
    const output = new Float32Array(nMels * nFrames).fill(Number.NaN);
    for (const part of parts) {
      const frames = part.end - part.start;
      for (let m = 0; m < nMels; m++) {
        residual.set(part.residual.subarray(m * frames, (m + 1) * frames), m * nFrames + part.start);
        output.set(part.output.subarray(m * frames, (m + 1) * frames), m * nFrames + part.start);
      }
    }
    return { ...summary, residual, output, parts };
  } finally {
    unsubscribe();
  }
}

/** A layer-output request for the whole layer, one column per frame (inputs of up to 65,536 frames). */
export function wholeLayerRequest(
  request: Pick<LayerOutputRequest, 'inputId' | 'weightsId' | 'layer'>,
): LayerOutputRequest {
  return {
    engine: 'js',
    ...request,
    frames: { start: 0, end: 2 ** 31 },
    maxColumns: 65_536,
    reduce: 'absmax',
  };
}
