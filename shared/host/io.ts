/**
 * What each shell gives the one host (host.ts): its I/O port. Everything else — which file is an
 * input or weights, which jobs run, what is kept, what an export holds — is the host's, written
 * once. Electron main implements this port with grants, native dialogs, the file system and Open
 * Recent (electron/main/host-io.ts); the browser host with `File`s, the file chooser, fetch and
 * downloads (renderer/src/host/browser/io.ts).
 *
 * `Source` is how the shell's `open` names files (the wire's paths in main, the page's `File`s in
 * the browser); `Origin` is where an opened item can be read again (a path, a `File`).
 */
import type { ExportResult, OpenFailure, OpenIntent, StartupState } from '../api/contract';
import type { AppSettings } from '../api/settings';
import type { FileRole } from '../api/classify';
import type { ExportFileKind } from '../export/names';
import type { FileBytes } from '../jobs/protocol';

/** One file read for an open call, and where to read it again. */
export interface ReadFile<Origin> extends FileBytes {
  origin: Origin;
  /** Set when the shell knows what the file is (the bundled sample is audio); else sorted by content. */
  role?: FileRole;
}

/** A folder read for weights: its weights files (others skipped), called by the folder's name. */
export interface ReadFolder<Origin> {
  name: string;
  files: FileBytes[];
  origin: Origin;
}

/** What an open call's source names, read. A cancelled dialog reads nothing. */
export interface ReadItems<Origin> {
  files: ReadFile<Origin>[];
  folders: ReadFolder<Origin>[];
  /** Items that could not be read, each with its own error; the others still open. */
  failures: OpenFailure[];
}

/** Where one export goes, chosen before it is encoded (its sidecar records the file's name). */
export interface ExportTarget {
  /** The exported file's own name (no folder). */
  fileName: string;
  /** Writes the file and its sidecar, both or neither; says where they went. */
  write(file: Uint8Array, sidecar: Uint8Array): Promise<ExportResult>;
}

export interface HostIo<Source, Origin> {
  /** What `startup` says besides the version and the presets. */
  startup(): Pick<StartupState, 'host' | 'openFirst' | 'recent' | 'settings'>;
  /** Stores the window's settings for the next session (Electron's state file, the page's localStorage). */
  saveSettings(settings: AppSettings): void;
  /** Reads what `source` names (a dialog is shown here); rejects only when nothing could be asked. */
  read(source: Source, intent: OpenIntent): Promise<ReadItems<Origin>>;
  /** An input's bytes again, to analyse it with another mel config or to play it. */
  reread(origin: Origin): Promise<Uint8Array>;
  /**
   * The sidecar beside a spectrogram `.npy` that was opened without it (`X.npy.json`, as our
   * exports write it), or null when there is none. A shell that cannot look beside a file (a
   * page knows only the files dropped together) leaves it out.
   */
  sidecarOf?(origin: Origin, npyName: string): Promise<FileBytes | null>;
  /**
   * The bundled demo post-net's file (resources/demo-postnet.npz): Electron reads it from the
   * app's resources, the browser fetches it beside the page. Rejects when it cannot be read.
   */
  demoWeights(): Promise<Uint8Array>;
  /** Asks where an export goes (a save dialog) or names its download; null when the user cancels. */
  exportTarget(format: ExportFileKind, defaultName: string): Promise<ExportTarget | null>;
  /** What one open call opened, once per call, for Open Recent: each input, and the weights' one item. */
  opened?(origins: readonly Origin[]): void;
  /** Shows the shell's recent files to pick from (Electron's menu); a browser has none. */
  showRecent?(): Promise<void>;
  /** Sets the window's title (`speech.wav — Postnet Studio`, see windowTitle). */
  setTitle(title: string): void;
}

export const APP_NAME = 'Postnet Studio';

/** `speech.wav — Postnet Studio`, or just the app's name when nothing is open. */
export function windowTitle(documentName: string | null): string {
  return documentName ? `${documentName} — ${APP_NAME}` : APP_NAME;
}
