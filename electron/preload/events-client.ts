/**
 * The page's end of the events MessagePort: listeners register at any time; the port arrives
 * once per page load (main answers `postnet:connect-events`) and its messages fan out to them.
 */
import type { HostCommand, JobProgress, Unsubscribe } from '../../shared/api/contract';
import type { HostEvent } from '../../shared/api/ipc';

/** The DOM MessagePort as the preload uses it. */
export interface EventsPort {
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

function subscribe<T>(listeners: Set<(value: T) => void>, listener: (value: T) => void): Unsubscribe {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export class EventsClient {
  private readonly progress = new Set<(progress: JobProgress) => void>();
  private readonly commands = new Set<(command: HostCommand) => void>();
  private port: EventsPort | null = null;

  /** Takes over a newly arrived port (closing any earlier one). */
  attach(port: EventsPort): void {
    this.port?.close();
    this.port = port;
    port.onmessage = ({ data }) => this.dispatch(data as HostEvent);
  }

  onProgress(listener: (progress: JobProgress) => void): Unsubscribe {
    return subscribe(this.progress, listener);
  }

  onCommand(listener: (command: HostCommand) => void): Unsubscribe {
    return subscribe(this.commands, listener);
  }

  private dispatch(event: HostEvent): void {
    if (event.type === 'progress') for (const listener of this.progress) listener(event.progress);
    else if (event.type === 'command') for (const listener of this.commands) listener(event.command);
  }
}
