import { useEffect } from 'react';
import type { PlaybackCommand } from '../../../shared/api/contract';
import { ZOOM_STEP } from '../state/navigation';

export interface KeyActions {
  pan: (fractionOfView: number) => void;
  zoom: (factor: number) => void;
  fit: () => void;
  /** Frequency zoom of the mel panes (Alt + ↑ ↓, Alt + 0 shows every band). */
  zoomBands: (direction: 'in' | 'out' | 'reset') => void;
  open: () => void;
  loadWeights: () => void;
  exportNpy: () => void;
  exportPng: () => void;
  toggleShortcuts: () => void;
  /** Shows or hides the selected layer's output pane. */
  toggleLayerPane: () => void;
  /** Shows the previous (−1) or next (+1) layer's output. */
  stepLayer: (delta: number) => void;
  /** The Playback menu's commands (Space, S, Shift+L, Page Up / Down, Home, End). */
  playback: (command: PlaybackCommand) => void;
  /** Hear the n-th source (1–4: the WAV, then the mels on screen through Griffin-Lim). */
  hear: (n: number) => void;
  escape: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/** Alt + ↑ ↓ 0: frequency zoom (Sonic Visualiser's vertical zoom keys); by code, as macOS's Alt+0 types º. */
function bandZoomKey(event: KeyboardEvent): 'in' | 'out' | 'reset' | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  if (event.code === 'ArrowUp') return 'in';
  if (event.code === 'ArrowDown') return 'out';
  if (event.code === 'Digit0' || event.code === 'Numpad0') return 'reset';
  return null;
}

/** The window's keyboard shortcuts (listed in app/shortcuts.ts); ignored while typing in a field. */
export function useKeyboardShortcuts(actions: KeyActions): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const bandZoom = bandZoomKey(event);
      if (bandZoom) {
        event.preventDefault();
        actions.zoomBands(bandZoom);
        return;
      }
      if (event.altKey) return;
      if ((event.ctrlKey || event.metaKey) && !['+', '=', '-', '0'].includes(event.key)) return;
      let handled = true;
      switch (event.key) {
        case 'ArrowLeft':
          actions.pan(event.shiftKey ? -0.5 : -0.125);
          break;
        case 'ArrowRight':
          actions.pan(event.shiftKey ? 0.5 : 0.125);
          break;
        case '+':
        case '=':
          actions.zoom(ZOOM_STEP);
          break;
        case '-':
        case '_':
          actions.zoom(1 / ZOOM_STEP);
          break;
        case '0':
        case 'f':
        case 'F':
          actions.fit();
          break;
        case 'o':
        case 'O':
          actions.open();
          break;
        case 'w':
        case 'W':
          actions.loadWeights();
          break;
        case 'e':
        case 'E':
          actions.exportNpy();
          break;
        case 'p':
        case 'P':
          actions.exportPng();
          break;
        case '?':
          actions.toggleShortcuts();
          break;
        case 'l':
        case 'L':
          if (event.shiftKey) actions.playback('loop');
          else actions.toggleLayerPane();
          break;
        case ' ':
          actions.playback('play-pause');
          break;
        case 's':
        case 'S':
          actions.playback('play-visible');
          break;
        case 'PageUp':
          actions.playback('rewind');
          break;
        case 'PageDown':
          actions.playback('ffwd');
          break;
        case 'Home':
          actions.playback('rewind-start');
          break;
        case 'End':
          actions.playback('ffwd-end');
          break;
        case '1':
        case '2':
        case '3':
        case '4':
          actions.hear(Number(event.key));
          break;
        case '[':
          actions.stepLayer(-1);
          break;
        case ']':
          actions.stepLayer(1);
          break;
        case 'Escape':
          actions.escape();
          break;
        default:
          handled = false;
      }
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
