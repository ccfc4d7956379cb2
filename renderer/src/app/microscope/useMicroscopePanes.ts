import { useMemo } from 'react';
import type { WorkspaceState } from '../../state/workspace';
import type { PaneSpec } from '../panes';
import type { MarksByPane } from './marks';
import { cellMarks } from './marks';
import { markedPanes, windowPaneSpec } from './panes';
import type { MicroscopeState } from './state';
import { textMarks, textPanes } from './text-panes';
import type { TextPane } from './text-panes';

export interface MicroscopePanes {
  /** The workspace's panes and, under a pinned cell of layer ≥ 1, the window's pane. */
  panes: readonly PaneSpec[];
  marks: MarksByPane;
  /** Over characters: the text run's panes and their marks. */
  textPanes: readonly TextPane[];
  textMarks: MarksByPane;
}

/** What the microscope adds to the panes: the window's pane, and the marks on every pane. */
export function useMicroscopePanes(
  workspace: WorkspaceState,
  scope: MicroscopeState,
  basePanes: readonly PaneSpec[],
): MicroscopePanes {
  const { input, weights, display, layerPane } = workspace;
  const windowSpec = useMemo(
    () => windowPaneSpec(input, weights, display, scope.windowPane, layerPane),
    [input, weights, display, scope.windowPane, layerPane],
  );
  const panes = useMemo(() => (windowSpec ? [...basePanes, windowSpec] : basePanes), [basePanes, windowSpec]);
  const layers = weights?.layers;
  const { pinned, playing } = scope;
  const marks = useMemo(
    () =>
      cellMarks(
        layers ?? [],
        pinned?.source === 'audio' ? pinned : null,
        markedPanes(panes, layers?.length ?? 0),
        playing,
      ),
    [layers, pinned, playing, panes],
  );
  const run = scope.text.run;
  const runPanes = useMemo(() => (run ? textPanes(run, display) : []), [run, display]);
  const runMarks = useMemo(
    () => (run ? textMarks(run, runPanes, pinned, playing) : {}),
    [run, runPanes, pinned, playing],
  );
  return { panes, marks, textPanes: runPanes, textMarks: runMarks };
}
