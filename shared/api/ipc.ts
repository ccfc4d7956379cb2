/**
 * The Electron wire besides the calls (whose channels are in table.ts): the events MessagePort.
 * On load the preload invokes `CONNECT_EVENTS_CHANNEL`; main answers by posting a port on
 * `EVENTS_PORT_CHANNEL`, and sends every `HostEvent` on it.
 */
import type { HostCommand, JobProgress, ResultPart } from './contract';

/** Preload → main: asks for the events port (no arguments; answered with a `Reply<null>`). */
export const CONNECT_EVENTS_CHANNEL = 'postnet:connect-events';

/** Main → preload: carries the events MessagePort (`event.ports[0]`). */
export const EVENTS_PORT_CHANNEL = 'postnet:events-port';

/** What main posts on the events port. */
export type HostEvent =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'part'; part: ResultPart }
  | { type: 'command'; command: HostCommand };
