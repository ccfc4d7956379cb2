/**
 * What main keeps between calls (electron/main/session.ts): inputs within MAX_KEPT_INPUTS by last
 * use, weights within MAX_KEPT_WEIGHTS (never the default), one result per input without layer
 * outputs, and everything dropped with what it belongs to.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS_ID, Session, type ResultRecord } from '../../../electron/main/session';
import type { WeightsSummary } from '../../../shared/api/contract';
import { MAX_KEPT_INPUTS, MAX_KEPT_WEIGHTS } from '../../../shared/host/kept';
import { syntheticInput, syntheticWeights } from '../../renderer/fakes';

function addInput(session: Session, nFrames = 10): string {
  const id = session.newInputId();
  const { mel } = syntheticInput(id, nFrames);
  session.addInput(id, `${id}.wav`, null, mel, { kind: 'file', path: `/audio/${id}.wav` });
  return id;
}

function result(inputId: string, weightsId: string, nFrames = 10): ResultRecord {
  return {
    inputId,
    weightsId,
    nMels: 80,
    nFrames,
    residual: new Float32Array(80 * nFrames),
    output: new Float32Array(80 * nFrames),
  };
}

function addWeights(session: Session, id = session.newWeightsId()): string[] {
  const summary: WeightsSummary = syntheticWeights(id, `${id}.npz`);
  return session.addWeights(summary, {
    kind: 'files',
    files: [{ name: `${id}.npz`, bytes: new Uint8Array(100) }],
    nMels: 80,
  });
}

describe('Session', () => {
  it('keeps one result per input with only its residual and output, even when handed layer outputs', () => {
    const session = new Session();
    const id = addInput(session);
    const withLayers = {
      ...result(id, DEFAULT_WEIGHTS_ID),
      activations: [{ layer: 0, data: new Float32Array(5120) }],
    };
    session.setResult(withLayers);
    const kept = session.result(id, DEFAULT_WEIGHTS_ID)!;
    expect(Object.keys(kept).sort()).toEqual([
      'inputId',
      'nFrames',
      'nMels',
      'output',
      'residual',
      'weightsId',
    ]);
    expect(session.held().bytes).toBe(3 * 80 * 10 * 4); // mel, residual, output
  });

  it(`keeps the ${MAX_KEPT_INPUTS} most recently used inputs, releasing older ones with their results`, () => {
    const session = new Session();
    const ids = Array.from({ length: MAX_KEPT_INPUTS + 2 }, () => addInput(session));
    expect(session.held().inputIds).toEqual(ids); // opening alone releases nothing
    session.setResult(result(ids[1]!, DEFAULT_WEIGHTS_ID));
    session.touchInput(ids[0]!);
    expect(session.held().inputIds).toEqual([...ids.slice(3), ids[0]]);
    expect(session.result(ids[1]!, DEFAULT_WEIGHTS_ID)).toBeNull();
  });

  it('fails clearly for a released or unknown input: UnknownDocumentError saying to open it again', () => {
    const session = new Session();
    const ids = Array.from({ length: MAX_KEPT_INPUTS + 1 }, () => addInput(session));
    session.touchInput(ids.at(-1)!);
    expect(() => session.touchInput(ids[0]!)).toThrow(
      `no open input has id '${ids[0]}'; open the file again`,
    );
    expect(() => session.input('input-99')).toThrow(/input-99/);
  });

  it('a result that arrives for an input released meanwhile is not kept', () => {
    const session = new Session();
    const ids = Array.from({ length: MAX_KEPT_INPUTS + 1 }, () => addInput(session));
    session.touchInput(ids.at(-1)!);
    session.setResult(result(ids[0]!, DEFAULT_WEIGHTS_ID));
    expect(session.result(ids[0]!, DEFAULT_WEIGHTS_ID)).toBeNull();
    expect(session.held().bytes).toBe(MAX_KEPT_INPUTS * 80 * 10 * 4);
  });

  it(`keeps ${MAX_KEPT_WEIGHTS} sets of weights, never releasing the default, and drops their results`, () => {
    const session = new Session();
    session.addWeights(syntheticWeights(DEFAULT_WEIGHTS_ID), { kind: 'default' });
    const input = addInput(session);
    const first = session.newWeightsId();
    addWeights(session, first);
    session.setResult(result(input, first));
    const released: string[] = [];
    for (let i = 0; i < MAX_KEPT_WEIGHTS - 1; i++) released.push(...addWeights(session)); // default + 9 sets
    expect(released).toEqual([first]);
    expect(session.held().weightsIds).toHaveLength(MAX_KEPT_WEIGHTS);
    expect(session.hasWeights(DEFAULT_WEIGHTS_ID)).toBe(true);
    expect(session.result(input, first)).toBeNull();
  });
});
