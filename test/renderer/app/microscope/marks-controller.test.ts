import { describe, expect, it } from 'vitest';
import type { PostnetApi } from '../../../../shared/api/contract';
import type { ExplainRequest, ExplainResult } from '../../../../shared/api/microscope';
import { cellMarks } from '../../../../renderer/src/app/microscope/marks';
import { createMicroscopeController } from '../../../../renderer/src/app/microscope/controller';
import {
  INITIAL_MICROSCOPE,
  microscopeReducer,
  type MicroscopeAction,
  type MicroscopeState,
} from '../../../../renderer/src/app/microscope/state';
import { INITIAL_STATE, type WorkspaceState } from '../../../../renderer/src/state/workspace';
import { markBox } from '../../../../renderer/src/render/marks';
import { defaultWeights } from '../../../../shared/weights/load';
import { syntheticInput } from '../../fakes';

const layers = defaultWeights().summary.layers;

describe('cellMarks: the cell, its window and its receptive field on each pane', () => {
  const panes = [
    { key: 'input', layer: -1 },
    { key: 'output', layer: 4 },
    { key: 'residual', layer: 4 },
    { key: 'window', layer: 2 },
    { key: 'layer', layer: 3 },
  ];

  it('a conv 3 cell: the window on conv 2, the field on the input and conv 2, the cell on conv 3', () => {
    const marks = cellMarks(layers, { source: 'audio', layer: 3, channel: 7, frame: 100 }, panes, false);
    expect(marks.input).toEqual([{ kind: 'field', first: 92, last: 108 }]);
    expect(marks.window).toEqual([{ kind: 'window', first: 98, last: 102, firstRow: 0, lastRow: 511 }]);
    expect(marks.layer).toEqual([{ kind: 'cell', frame: 100, row: 7 }]);
    expect(marks.output).toBeUndefined();
  });

  it('a final-output cell traces back 21 input frames; playing covers the frames after it', () => {
    const marks = cellMarks(layers, { source: 'audio', layer: 4, channel: 79, frame: 0 }, panes, true);
    expect(marks.input).toEqual([{ kind: 'field', first: -10, last: 10 }]);
    expect(marks.output).toEqual([
      { kind: 'cover', from: 1 },
      { kind: 'cell', frame: 0, row: 79 },
    ]);
    expect(marks.layer).toEqual([{ kind: 'window', first: -2, last: 2, firstRow: 0, lastRow: 511 }]);
  });

  it('markBox places a window in the plot, rows from the bottom, at least 2 px wide', () => {
    const view = { startFrame: 0, framesPerPixel: 0.5 };
    const geometry = {
      view,
      frameMap: { stride: 1, offset: 0 },
      nRows: 80,
      nFrames: 200,
      width: 400,
      height: 160,
    };
    expect(markBox({ kind: 'window', first: 10, last: 14, firstRow: 0, lastRow: 79 }, geometry)).toEqual({
      left: 20,
      top: 0,
      width: 10,
      height: 160,
    });
    expect(markBox({ kind: 'cell', frame: 10, row: 0 }, geometry)).toEqual({
      left: 20,
      top: 158,
      width: 2,
      height: 2,
    });
    expect(markBox({ kind: 'field', first: 500, last: 510 }, geometry)).toBeNull();
  });

  it('markBox follows a band zoom: with bands 20…39 shown, band 20 is the bottom 8 px of 160', () => {
    const geometry = {
      view: { startFrame: 0, framesPerPixel: 0.5 },
      frameMap: { stride: 1, offset: 0 },
      nRows: 80,
      nFrames: 200,
      width: 400,
      height: 160,
      rows: { first: 20, count: 20 },
    };
    expect(markBox({ kind: 'cell', frame: 10, row: 20 }, geometry)).toEqual({
      left: 20,
      top: 152,
      width: 2,
      height: 8,
    });
    expect(markBox({ kind: 'cell', frame: 10, row: 39 }, geometry)?.top).toBe(0);
  });
});

function harness(explainDelayMs = 0) {
  let microscope: MicroscopeState = INITIAL_MICROSCOPE;
  const input = syntheticInput('a', 30);
  const workspace: WorkspaceState = {
    ...INITIAL_STATE,
    input,
    weights: { ...defaultWeights().summary, id: 'w' },
  };
  const requests: ExplainRequest[] = [];
  const api = {
    explain: async (request: ExplainRequest) => {
      requests.push(request);
      await new Promise((resolve) => setTimeout(resolve, explainDelayMs));
      return { layer: request.layer, channel: request.channel, frame: request.frame } as ExplainResult;
    },
    layerOutput: async () => ({ layer: 0, nChannels: 512, nFrames: 30, data: new Float32Array(512 * 30) }),
  } as unknown as PostnetApi;
  const controller = createMicroscopeController({
    api,
    dispatch: (action: MicroscopeAction) => (microscope = microscopeReducer(microscope, action)),
    getState: () => microscope,
    getWorkspace: () => workspace,
    wait: async () => undefined,
  });
  return { controller, requests, state: () => microscope };
}

describe('the microscope controller', () => {
  it('pins a cell and explains it in the worker; arrows step it within the layer', async () => {
    const { controller, requests, state } = harness();
    controller.pin({ source: 'audio', layer: 1, channel: 5, frame: 0 });
    await controller.settled();
    expect(requests[0]).toEqual({
      weightsId: 'w',
      source: { kind: 'input', inputId: 'a' },
      layer: 1,
      channel: 5,
      frame: 0,
    });
    expect(state().tab).toBe('microscope');
    controller.step(-1, 0);
    expect(state().pinned!.frame).toBe(0);
    controller.step(40, 600);
    expect(state().pinned).toEqual({ source: 'audio', layer: 1, channel: 511, frame: 29 });
    await controller.settled();
    expect(state().cell!.frame).toBe(29);
  });

  it('while an explanation is computed, further steps ask only for the newest cell', async () => {
    const { controller, requests, state } = harness(5);
    controller.pin({ source: 'audio', layer: 0, channel: 1, frame: 3 });
    for (let i = 0; i < 5; i++) controller.step(1, 0);
    await controller.settled();
    expect(requests.map((r) => r.frame)).toEqual([3, 8]);
    expect(state().cell!.frame).toBe(8);
  });

  it('play slides the cell to the end of the layer, then stops', async () => {
    const { controller, state } = harness();
    controller.pin({ source: 'audio', layer: 0, channel: 1, frame: 25 });
    controller.togglePlay();
    expect(state().playing).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state().pinned!.frame).toBe(29);
    expect(state().playing).toBe(false);
    controller.unpin();
    expect(state().pinned).toBeNull();
  });
});
