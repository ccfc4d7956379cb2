import { useEffect } from 'react';
import { ZOOM_STEP } from '../state/navigation';

export interface KeyActions {
  pan: (fractionOfView: number) => void;
  zoom: (factor: number) => void;
  fit: () => void;
  open: () => void;
  loadWeights: () => void;
  exportNpy: () => void;
  exportPng: () => void;
  toggleShortcuts: () => void;
  /** Shows or hides the selected layer's output pane. */
  toggleLayerPane: () => void;
  /** Shows the previous (−1) or next (+1) layer's output. */
  stepLayer: (delta: number) => void;
  escape: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/** The window's keyboard shortcuts (listed in app/shortcuts.ts); ignored while typing in a field. */
export function useKeyboardShortcuts(actions: KeyActions): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.altKey) return;
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
          actions.toggleLayerPane();
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
