/** The keyboard shortcuts, as data: the sheet lists them and the key handler uses the same keys. */
import { melShape } from './mel-labels';

export interface Shortcut {
  keys: string;
  action: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Wheel · Ctrl/⌘ + wheel · pinch', action: 'Zoom time around the cursor' },
  { keys: 'Shift + wheel · horizontal swipe · drag', action: 'Pan in time' },
  {
    keys: 'click a pane',
    action: 'Move the play position there and pin the cell in the microscope (Esc lets it go)',
  },
  { keys: 'Click · drag the overview strip', action: 'Centre the view there · move the visible range' },
  { keys: 'Wheel on the band axis · Alt + ↑ ↓', action: 'Zoom the mel bands (Shift + wheel moves them)' },
  { keys: 'Alt + 0 · double-click the band axis', action: 'Show every band again' },
  {
    keys: '← →',
    action: 'Pan by an eighth of the view (Shift: half); with a cell pinned, step it a frame (Shift: ten)',
  },
  {
    keys: 'Tab to the panes, then ← → ↑ ↓ · Home End',
    action: 'Move the crosshair a frame or a band (Shift: ten); the readout shows the values',
  },
  { keys: '+  −', action: 'Zoom in / out around the centre' },
  { keys: '0 · F · double-click', action: 'Fit the whole file' },
  { keys: 'L', action: 'Show or hide the selected layer’s output pane' },
  { keys: '[  ]', action: 'Previous / next layer’s output (↑ ↓ in the layer list)' },
  { keys: 'Space', action: 'Play / Pause from the play position (the line across the panes)' },
  { keys: '1  2  3  4', action: 'Hear the WAV, or a mel through Griffin-Lim (A/B while playing)' },
  { keys: 'S', action: 'Play only the visible range' },
  { keys: 'Shift + L', action: 'Loop playback' },
  { keys: 'Page Up  Page Down', action: 'Rewind / Fast forward by one time-ruler step' },
  { keys: 'Home  End', action: 'Rewind to the start / Fast forward to the end' },
  { keys: 'O', action: 'Open a WAV or .npy mel' },
  { keys: 'W', action: 'Load weights' },
  { keys: 'E', action: 'Export .npy [nMels, T]' },
  { keys: 'P', action: 'Export the view as .png' },
  { keys: '?', action: 'Show or hide this sheet' },
  { keys: 'Esc', action: 'Close this sheet, dismiss an error' },
];

/** The shortcuts with the mel settings' band count in the shapes they name (`[64, T]` after n_mels 64). */
export function shortcutsFor(nMels: number): readonly Shortcut[] {
  return SHORTCUTS.map((shortcut) => ({
    ...shortcut,
    action: shortcut.action.replace('[nMels, T]', melShape(nMels)),
  }));
}
