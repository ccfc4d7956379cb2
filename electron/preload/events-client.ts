/**
 * The page's end of the events MessagePort: listeners register at any time (the host's event hub,
 * shared/host/events.ts); the port arrives once per page load (main answers the
 * connect-events call) and its messages fan out to them.
 */
import type { HostEvent } from '../../shared/api/ipc';
import { HostEventHub } from '../../shared/host/events';

/** The DOM MessagePort as the preload uses it. */
export interface EventsPort {
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

export class EventsClient extends HostEventHub {
  private port: EventsPort | null = null;

  /** Takes over a newly arrived port (closing any earlier one). */
  attach(port: EventsPort): void {
    this.port?.close();
    this.port = port;
    port.onmessage = ({ data }) => this.dispatch(data as HostEvent);
  }

  private dispatch(event: HostEvent): void {
    if (event.type === 'progress') this.progress(event.progress);
    else if (event.type === 'part') this.part(event.part);
    else if (event.type === 'command') this.command(event.command);
  }
}
