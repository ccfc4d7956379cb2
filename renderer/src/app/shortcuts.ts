/** The keyboard shortcuts, as data: the sheet lists them and the key handler uses the same keys. */

export interface Shortcut {
  keys: string;
  action: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Wheel · Ctrl/⌘ + wheel · pinch', action: 'Zoom time around the cursor' },
  { keys: 'Shift + wheel · horizontal swipe · drag', action: 'Pan in time' },
  {
    keys: '← →',
    action: 'Pan by an eighth of the view (Shift: half); with a cell pinned, step it a frame (Shift: ten)',
  },
  { keys: 'click a pane', action: 'Pin the cell in the microscope (Esc lets it go)' },
  {
    keys: 'Tab to the panes, then ← → ↑ ↓ · Home End',
    action: 'Move the crosshair a frame or a band (Shift: ten); the readout shows the values',
  },
  { keys: '+  −', action: 'Zoom in / out around the centre' },
  { keys: '0 · F · double-click', action: 'Fit the whole file' },
  { keys: 'L', action: 'Show or hide the selected layer’s output pane' },
  { keys: '[  ]', action: 'Previous / next layer’s output (↑ ↓ in the layer list)' },
  { keys: 'O', action: 'Open a WAV or .npy mel' },
  { keys: 'W', action: 'Load weights' },
  { keys: 'E', action: 'Export .npy [80, T]' },
  { keys: 'P', action: 'Export the view as .png' },
  { keys: '?', action: 'Show or hide this sheet' },
  { keys: 'Esc', action: 'Close this sheet, dismiss an error' },
];
