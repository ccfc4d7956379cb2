/**
 * A transient progress line for long commands: `griffin-lim: 45 %` rewritten in place on stderr,
 * only when stderr is a terminal, only once the work has run for a second, and erased when it
 * ends, so that what stays on stderr is still exactly the command's notes or its one error line
 * (command.ts). Piped or redirected runs print nothing extra.
 */

export interface Progress {
  update: (fraction: number) => void;
  done: () => void;
}

const DELAY_MS = 1000;
const REDRAW_MS = 100;

export function ttyProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const started = Date.now();
  let drawnAt = 0;
  let shown = false;
  return {
    update(fraction) {
      const now = Date.now();
      if (now - started < DELAY_MS || now - drawnAt < REDRAW_MS) return;
      drawnAt = now;
      shown = true;
      stream.write(`\r${label}: ${Math.floor(100 * Math.min(1, Math.max(0, fraction)))} %\u001b[K`);
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
