import { useEffect, useState } from 'react';
import type { CanvasTheme } from '../render/draw';

/** Reads the canvas colours from the CSS variables of the current (light or dark) theme. */
export function readCanvasTheme(): CanvasTheme {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: read('--pane-bg', '#ffffff'),
    text: read('--text', '#1d1f23'),
    mutedText: read('--muted', '#5b616e'),
    line: read('--line', '#b8bdc7'),
    font: `11px ${read('--font-mono', 'ui-monospace, monospace')}`,
  };
}

/** The canvas theme, re-read when the OS switches between light and dark. */
export function useCanvasTheme(): CanvasTheme {
  const [theme, setTheme] = useState(readCanvasTheme);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setTheme(readCanvasTheme());
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return theme;
}
