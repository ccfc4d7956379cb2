/**
 * Compute worker entry (worker_threads), started and owned by electron/main/worker-owner.ts: the
 * parent port and `workerData` handed to the job wiring in serve.ts.
 */
import * as workerThreads from 'node:worker_threads';
import type { WorkerBootData } from '../../shared/jobs/protocol';
import { serveJobs } from './serve';

const port = workerThreads.parentPort;
if (!port) throw new Error('electron/worker/index.ts must run as a worker thread');
serveJobs(port, workerThreads.workerData as WorkerBootData);
