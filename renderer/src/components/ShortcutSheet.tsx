import { useEffect, useRef } from 'react';
import { shortcutsFor } from '../app/shortcuts';

/**
 * The `?` sheet: every shortcut and mouse gesture. A modal dialog: opening it moves the focus to
 * Close, closing it gives the focus back to where it was (the `?` button, say).
 */
export function ShortcutSheet({ nMels, onClose }: { nMels: number; onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    closeRef.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return (
    <div className="sheet-backdrop" onClick={onClose}>
      <div
        className="shortcut-sheet"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        onClick={(event) => event.stopPropagation()}
      >
        <h2>Keyboard and mouse</h2>
        <table>
          <tbody>
            {shortcutsFor(nMels).map((shortcut) => (
              <tr key={shortcut.keys}>
                <td>
                  <kbd>{shortcut.keys}</kbd>
                </td>
                <td>{shortcut.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
