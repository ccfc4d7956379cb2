/**
 * PostnetApi for a plain browser: the shared host (shared/host/host.ts) with the page's I/O
 * (io.ts: drops, the file chooser, the sample, downloads) and a Web Worker running the same jobs
 * and runner as Electron's worker (worker-client.ts). Everything the host decides — opening,
 * weights, processing, what it keeps, export content — is the same code Electron's main runs.
 */
import { version } from '../../../../package.json';
import type { FileSource } from '../../../../shared/api/contract';
import { createHost, type Host } from '../../../../shared/host/host';
import { pageIo, type PageIo } from './files';
import { browserIo } from './io';
import { createWorkerClient, type StartWorker } from './worker-client';

export type BrowserHost = Host<FileSource>;

export interface BrowserHostOptions {
  /** The page's files, downloads and title (tests pass their own). */
  page?: PageIo;
  /** Starts the pipeline worker (tests pass one that runs the shared runner in-process). */
  startWorker?: StartWorker;
  now?: () => Date;
}

export function createBrowserHost(options: BrowserHostOptions = {}): BrowserHost {
  return createHost({
    runner: createWorkerClient(options.startWorker),
    io: browserIo(options.page ?? pageIo),
    appVersion: version,
    ...(options.now ? { now: options.now } : {}),
  });
}
