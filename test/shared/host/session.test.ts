/**
 * What a host keeps between calls (shared/host/session.ts, used by Electron's main and the browser
 * host): inputs within MAX_KEPT_INPUTS by last use, weights within MAX_KEPT_WEIGHTS (never the
 * default), one result per input without layer outputs, and only while the input's revision and
 * the weights it ran with are still held.
 */
import { describe, expect, it } from 'vitest';
import type { InputDocument, WeightsSummary } from '../../../shared/api/contract';
import { MAX_KEPT_INPUTS, MAX_KEPT_WEIGHTS } from '../../../shared/host/kept';
import { Session, type ResultRecord } from '../../../shared/host/session';
import { syntheticInput, syntheticWeights } from '../../renderer/fakes';

/** The origin is whatever the host re-reads audio from; a path here, as in Electron. */
type PathOrigin = string;

function addInput(session: Session<PathOrigin>, nFrames = 10, id = session.newInputId()): InputDocument {
  const { mel } = syntheticInput(id, nFrames);
  return session.addInput(id, `${id}.wav`, { audio: null, mel, warnings: [] }, `/audio/${id}.wav`);
}

/** A result computed on `input` as it is now (its revision), with `weightsId`. */
function result(input: InputDocument, weightsId: string, nFrames = 10): ResultRecord {
  return {
    inputId: input.id,
    inputRevision: input.revision,
    weightsId,
    nMels: 80,
    nFrames,
    residual: new Float32Array(80 * nFrames),
    output: new Float32Array(80 * nFrames),
    engine: { name: 'js-fast', kind: 'js', workers: 1, note: null },
  };
}

function addWeights(session: Session<PathOrigin>, id = session.newWeightsId()): string[] {
  const summary: WeightsSummary = syntheticWeights(id, `${id}.npz`);
  return session.addWeights(summary, {
    kind: 'files',
    files: [{ name: `${id}.npz`, bytes: new Uint8Array(100) }],
    nMels: 80,
  });
}

function addDefault(session: Session<PathOrigin>): string {
  const id = session.newWeightsId();
  session.addWeights(syntheticWeights(id), { kind: 'default' });
  return id;
}

describe('Session', () => {
  it('keeps one result per input with only its residual and output, even when handed layer outputs', () => {
    const session = new Session<PathOrigin>();
    const weights = addDefault(session);
    const input = addInput(session);
    const withLayers = {
      ...result(input, weights),
      activations: [{ layer: 0, data: new Float32Array(5120) }],
      elapsedMs: 12,
    };
    session.setResult(withLayers);
    const kept = session.result(input.id, weights)!;
    expect(Object.keys(kept).sort()).toEqual([
      'engine',
      'inputId',
      'inputRevision',
      'nFrames',
      'nMels',
      'output',
      'residual',
      'weightsId',
    ]);
    expect(session.held().bytes).toBe(3 * 80 * 10 * 4); // mel, residual, output
    expect(session.result(input.id, 'weights-99')).toBeNull(); // only for the weights it ran with
  });

  it('keeps the origin it was given, to re-read the audio from', () => {
    const session = new Session<PathOrigin>();
    const input = addInput(session);
    expect(session.input(input.id).origin).toBe(`/audio/${input.id}.wav`);
  });

  it(`keeps the ${MAX_KEPT_INPUTS} most recently used inputs, releasing older ones with their results`, () => {
    const session = new Session<PathOrigin>();
    const weights = addDefault(session);
    const inputs = Array.from({ length: MAX_KEPT_INPUTS + 2 }, () => addInput(session));
    const ids = inputs.map((input) => input.id);
    expect(session.held().inputIds).toEqual(ids); // opening alone releases nothing
    session.setResult(result(inputs[1]!, weights));
    expect(session.result(ids[1]!, weights)).not.toBeNull();
    session.touchInput(ids[0]!);
    expect(session.held().inputIds).toEqual([...ids.slice(3), ids[0]]);
    expect(session.result(ids[1]!, weights)).toBeNull();
  });

  it('fails clearly for a released or unknown input: UnknownDocumentError saying to open it again', () => {
    const session = new Session<PathOrigin>();
    const ids = Array.from({ length: MAX_KEPT_INPUTS + 1 }, () => addInput(session).id);
    session.touchInput(ids.at(-1)!);
    expect(() => session.touchInput(ids[0]!)).toThrow(
      `no open input has id '${ids[0]}'; open the file again`,
    );
    expect(() => session.input('input-99')).toThrow(
      expect.objectContaining({ name: 'UnknownDocumentError', message: expect.stringContaining('input-99') }),
    );
  });

  it('fails clearly for unknown weights: UnknownDocumentError saying to load them again', () => {
    const session = new Session<PathOrigin>();
    expect(() => session.weights('weights-7')).toThrow(
      expect.objectContaining({
        name: 'UnknownDocumentError',
        message: "no loaded weights have id 'weights-7'; load the weights again",
      }),
    );
  });

  it('a result that arrives for an input released meanwhile is not kept', () => {
    const session = new Session<PathOrigin>();
    const weights = addDefault(session);
    const inputs = Array.from({ length: MAX_KEPT_INPUTS + 1 }, () => addInput(session));
    session.touchInput(inputs.at(-1)!.id);
    session.setResult(result(inputs[0]!, weights));
    expect(session.result(inputs[0]!.id, weights)).toBeNull();
    expect(session.held().bytes).toBe(MAX_KEPT_INPUTS * 80 * 10 * 4);
  });

  it('a result computed on the old spectrogram that arrives after a re-analysis of the same input is not kept', () => {
    const session = new Session<PathOrigin>();
    const weights = addDefault(session);
    const before = addInput(session, 10);
    // remel: the same id, a new document (another mel config, here another frame count)
    const after = addInput(session, 12, before.id);
    expect(after.id).toBe(before.id);
    session.setResult(result(before, weights, 10)); // the process that started before
    expect(session.result(before.id, weights)).toBeNull();
    session.setResult(result(after, weights, 12));
    expect(session.result(after.id, weights)?.nFrames).toBe(12);
  });

  it('a re-analysis drops the result of the old spectrogram', () => {
    const session = new Session<PathOrigin>();
    const weights = addDefault(session);
    const before = addInput(session);
    session.setResult(result(before, weights));
    addInput(session, 12, before.id);
    expect(session.result(before.id, weights)).toBeNull();
  });

  it('a result that arrives for weights released meanwhile is not kept', () => {
    const session = new Session<PathOrigin>();
    const input = addInput(session);
    const first = session.newWeightsId();
    addWeights(session, first);
    for (let i = 0; i < MAX_KEPT_WEIGHTS; i++) addWeights(session);
    expect(() => session.weights(first)).toThrow(/load the weights again/);
    session.setResult(result(input, first));
    expect(session.result(input.id, first)).toBeNull();
  });

  it(`keeps ${MAX_KEPT_WEIGHTS} sets of weights, never releasing the default, and drops their results`, () => {
    const session = new Session<PathOrigin>();
    const defaultId = addDefault(session);
    const input = addInput(session);
    const first = session.newWeightsId();
    addWeights(session, first);
    session.setResult(result(input, first));
    const released: string[] = [];
    for (let i = 0; i < MAX_KEPT_WEIGHTS - 1; i++) released.push(...addWeights(session)); // default + 8 sets
    expect(released).toEqual([first]);
    expect(session.held().weightsIds).toHaveLength(MAX_KEPT_WEIGHTS);
    expect(session.held().weightsIds[0]).toBe(defaultId); // least recently loaded, yet spared
    expect(session.result(input.id, first)).toBeNull();
  });

  it('finds each built-in set by how it is built (untrained, demo), whatever its id', () => {
    const session = new Session<PathOrigin>();
    expect(session.builtInWeights('untrained')).toBeNull();
    addWeights(session);
    expect(session.builtInWeights('untrained')).toBeNull();
    const id = addDefault(session);
    expect(session.builtInWeights('untrained')?.id).toBe(id);
    expect(session.builtInWeights('demo')).toBeNull();
    const demoId = session.newWeightsId();
    session.addWeights(syntheticWeights(demoId), { kind: 'demo', bytes: new Uint8Array(4) });
    expect(session.builtInWeights('demo')?.id).toBe(demoId);
    expect(session.builtInWeights('untrained')?.id).toBe(id);
  });
});
