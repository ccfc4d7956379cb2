import { describe, expect, it } from 'vitest';
import { textMarks, textPanes, textViewContext } from '../../../../renderer/src/app/microscope/text-panes';
import { INITIAL_DISPLAY } from '../../../../renderer/src/state/workspace';
import { runText, textModelOf } from '../../../../shared/explain/text-run';

async function defaultRun(text: string) {
  return runText(textModelOf(null, 'no weights'), text, 'english');
}

describe('the text microscope’s panes', () => {
  it('the embedding, then one pane per encoder conv, [512, n_chars] each, labelled untrained once', async () => {
    const run = await defaultRun('Hi there.');
    const panes = textPanes(run, INITIAL_DISPLAY);
    expect(panes.map((pane) => [pane.key, pane.layer])).toEqual([
      ['embedding', -1],
      ['conv 0', 0],
      ['conv 1', 1],
      ['conv 2', 2],
    ]);
    const n = run.ids.length;
    for (const pane of panes) expect([pane.heatmap.nRows, pane.heatmap.nCols]).toEqual([512, n]);
    expect(panes[1]!.header).toBe(
      `encoder conv 0 output · relu(BN(Conv1d(512, 512, k=5))) · [512, ${n}] · untrained Tacotron 2 encoder (default)`,
    );
    expect(panes[0]!.header.match(/untrained/g)).toHaveLength(1);
    // ReLU panes on the sequential map from 0; the embedding on the diverging map, symmetric.
    expect(panes[2]!.heatmap.range.lo).toBe(0);
    expect(panes[0]!.heatmap.range.lo).toBe(-panes[0]!.heatmap.range.hi);
  });

  it('a conv 1 cell: its value from the run, the window on conv 0, the field on the embedding', async () => {
    const run = await defaultRun('Hi there.');
    const panes = textPanes(run, INITIAL_DISPLAY);
    const cell = { source: 'text' as const, layer: 1, channel: 9, frame: 4 };
    const n = run.ids.length;
    const context = textViewContext(cell, run, panes, INITIAL_DISPLAY);
    expect(context.paneValue).toBe(run.outputs[1]!.data[9 * n + 4]);
    expect(context.source).toEqual({ kind: 'text', bandCentresHz: null, symbols: run.symbols });
    expect(context.windowColours.colormap).toBe(panes[1]!.heatmap.colormap);
    const marks = textMarks(run, panes, cell, false);
    expect(marks.embedding).toEqual([{ kind: 'field', first: 0, last: 8 }]);
    expect(marks['conv 0']).toEqual([{ kind: 'window', first: 2, last: 6, firstRow: 0, lastRow: 511 }]);
    expect(marks['conv 1']).toEqual([{ kind: 'cell', frame: 4, row: 9 }]);
    expect(textMarks(run, panes, { ...cell, source: 'audio' }, false)).toEqual({});
  });
});
