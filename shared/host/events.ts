/**
 * The host's events for the window: job progress (from the runner), the parts of a running
 * process call's output, and commands (menus, the command line, a second instance). The browser host hands the listeners to the page directly;
 * Electron main forwards both to the page's events port (electron/main/ipc.ts).
 */
import type { HostCommand, JobProgress, PostnetEvents, ResultPart, Unsubscribe } from '../api/contract';

function subscribe<T>(listeners: Set<(value: T) => void>, listener: (value: T) => void): Unsubscribe {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export class HostEventHub implements PostnetEvents {
  private readonly progressListeners = new Set<(progress: JobProgress) => void>();
  private readonly partListeners = new Set<(part: ResultPart) => void>();
  private readonly commandListeners = new Set<(command: HostCommand) => void>();

  onProgress(listener: (progress: JobProgress) => void): Unsubscribe {
    return subscribe(this.progressListeners, listener);
  }

  onResultPart(listener: (part: ResultPart) => void): Unsubscribe {
    return subscribe(this.partListeners, listener);
  }

  onCommand(listener: (command: HostCommand) => void): Unsubscribe {
    return subscribe(this.commandListeners, listener);
  }

  progress(progress: JobProgress): void {
    for (const listener of this.progressListeners) listener(progress);
  }

  part(part: ResultPart): void {
    for (const listener of this.partListeners) listener(part);
  }

  command(command: HostCommand): void {
    for (const listener of this.commandListeners) listener(command);
  }
}
