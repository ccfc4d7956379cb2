/**
 * The browser host's edge to the page: bytes from dropped or picked `File`s, the file chooser,
 * the bundled sample, downloads, the tab title. Gathered in `pageIo` so tests can replace it;
 * io.ts builds the host's I/O port on top.
 */
import type { DroppedFile, OpenIntent } from '../../../../shared/api/contract';
import { InvalidArgumentError, SampleMissingError } from '../../../../shared/api/errors';
import { emptyWeightsFolderError, isWeightsFileName } from '../../../../shared/host/open';
import type { FileBytes } from '../../../../shared/jobs/protocol';
import { DEMO_WEIGHTS_FILE } from '../../../../shared/demo/weights';
// The build emits the bundled demo post-net beside the page and gives its URL (vite's ?url).
import demoWeightsUrl from '../../../../resources/demo-postnet.npz?url';

/** What the browser host needs from the page. */
export interface PageIo {
  /** A dropped or picked file's name and bytes (a fresh buffer the host may move to its worker). */
  readFile(file: DroppedFile): Promise<FileBytes>;
  pickFiles(intent: OpenIntent, folder: boolean): Promise<readonly DroppedFile[]>;
  fetchSample(): Promise<FileBytes>;
  /** The bundled demo post-net's file (resources/demo-postnet.npz, emitted beside the page). */
  fetchDemoWeights(): Promise<Uint8Array>;
  /** Saves bytes (a download); returns where they went (the download name). */
  save(file: FileBytes, mimeType: string): string;
  setTitle(title: string): void;
}

export async function readFile(file: DroppedFile): Promise<FileBytes> {
  if (!(file instanceof Blob)) {
    throw new InvalidArgumentError(`${file.name}: not a File from a drop or a file chooser`);
  }
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

const ACCEPT: Record<OpenIntent, string> = {
  audio: '.wav,.wave,.npy,audio/wav,audio/x-wav',
  weights: '.npz,.npy,.json,.pt,.pth,.safetensors',
  auto: '.wav,.wave,.npy,.npz,.json,.pt,.pth,.safetensors,audio/wav,audio/x-wav',
};

/**
 * Shows the browser's file chooser (a folder chooser when `folder`, for weights saved as one
 * `.npy` per tensor); resolves with no files when the user cancels it.
 */
export function pickFiles(intent: OpenIntent, folder = false): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    if (folder) input.webkitdirectory = true;
    else input.accept = ACCEPT[intent];
    input.style.display = 'none';
    const finish = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => finish([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => finish([]), { once: true });
    document.body.append(input);
    input.click();
  });
}

/** Where a picked file sits under the folder the user chose (`webkitRelativePath`), or its name. */
function relativePath(file: DroppedFile): string {
  const path = (file as { readonly webkitRelativePath?: string }).webkitRelativePath;
  return path ? path : file.name;
}

export interface PickedFolder {
  /** The chosen folder's own name (`tacotron2_npy`). */
  name: string;
  /** The weights files directly inside it, as Electron reads a folder (sub-folders and a README are skipped). */
  files: DroppedFile[];
}

/**
 * What a folder chooser (`webkitdirectory`) gave: every file under the folder, each with its path
 * relative to the folder's parent (`tacotron2_npy/postnet….weight.npy`). Null when nothing was picked.
 */
export function pickedFolder(files: readonly DroppedFile[]): PickedFolder | null {
  const first = files[0];
  if (!first) return null;
  const name = relativePath(first).split('/')[0]!;
  const inside = files.filter((file) => {
    const parts = relativePath(file).split('/');
    return parts.length === 2 && parts[0] === name && isWeightsFileName(parts[1]!);
  });
  if (inside.length === 0) throw emptyWeightsFolderError(name);
  return { name, files: inside };
}

/** The bundled sample, served beside the page (renderer/public/samples/sample.wav). */
export async function fetchSample(): Promise<FileBytes> {
  const url = new URL('samples/sample.wav', document.baseURI);
  const response = await fetch(url);
  if (!response.ok) {
    throw new SampleMissingError(
      `the bundled sample ${url.pathname} could not be loaded (HTTP ${response.status}); drop a WAV instead`,
    );
  }
  return { name: 'sample.wav', bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** The bundled demo post-net, fetched from where the build put it. */
export async function fetchDemoWeights(): Promise<Uint8Array> {
  const url = new URL(demoWeightsUrl, document.baseURI);
  const response = await fetch(url);
  if (!response.ok) {
    throw new SampleMissingError(
      `the bundled ${DEMO_WEIGHTS_FILE} (${url.pathname}) could not be loaded (HTTP ${response.status})`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** Saves bytes through the browser's download mechanism; returns the download name. */
export function download(file: FileBytes, mimeType: string): string {
  const url = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = file.name;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return file.name;
}

export const pageIo: PageIo = {
  readFile,
  pickFiles,
  fetchSample,
  fetchDemoWeights,
  save: download,
  setTitle: (title) => {
    document.title = title;
  },
};
