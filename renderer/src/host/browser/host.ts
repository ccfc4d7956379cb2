/**
 * PostnetApi for a plain browser: the shared host (shared/host/host.ts) with the page's I/O
 * (io.ts: drops, the file chooser, the sample, downloads) and a pool of Web Workers, one per
 * core, running the same jobs and runner as Electron's workers (worker-client.ts). Everything the host decides — opening,
 * weights, processing, what it keeps, export content — is the same code Electron's main runs.
 */
import { version } from '../../../../package.json';
import type { FileSource } from '../../../../shared/api/contract';
import { createHost, type Host, type Sha256Digest } from '../../../../shared/host/host';
import { createJobPool } from '../../../../shared/jobs/pool';
import { pageIo, type PageIo } from './files';
import { browserIo } from './io';
import { pageStorage, type TextStorage } from './settings';
import { createWorkerClient, type StartWorker } from './worker-client';

export type BrowserHost = Host<FileSource>;

export interface BrowserHostOptions {
  /** The page's files, downloads and title (tests pass their own). */
  page?: PageIo;
  /** Starts the pipeline worker (tests pass one that runs the shared runner in-process). */
  startWorker?: StartWorker;
  /** Workers side by side (default: one per core, at most MAX_WORKERS). */
  workers?: number;
  now?: () => Date;
  /** Where the window's settings are kept (default: the page's localStorage; null: nowhere). */
  storage?: TextStorage | null;
}

/** Workers by default: one per core the browser reports, at most this many. */
export const MAX_WORKERS = 8;

export function defaultWorkers(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(MAX_WORKERS, cores));
}

/** WebCrypto's SHA-256, where the page has it (secure contexts: https, localhost, 127.0.0.1). */
function webCryptoDigest(): Sha256Digest | undefined {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  return async (bytes) => new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

export function createBrowserHost(options: BrowserHostOptions = {}): BrowserHost {
  const lanes = options.workers ?? defaultWorkers();
  const digest = webCryptoDigest();
  return createHost({
    runner: createJobPool(Array.from({ length: lanes }, () => createWorkerClient(options.startWorker))),
    io: browserIo(options.page ?? pageIo, options.storage === undefined ? pageStorage() : options.storage),
    appVersion: version,
    ...(digest ? { digest } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
