/**
 * The files the user really handed to the page: the preload listens (capture phase, trusted
 * events only) to drops on the window and to `<input type=file>` changes, and remembers the
 * paths of those files. `open({ kind: 'dropped' })` sends main only paths from this list, so
 * page script cannot name a file the user did not give it.
 */
import type { DroppedFile } from '../../shared/api/contract';
import { AccessDeniedError, InvalidArgumentError } from '../../shared/api/errors';

/** The bits of a DOM event we read (the preload is typed without the DOM library). */
export interface UserFileEvent {
  readonly isTrusted: boolean;
  readonly type: string;
  readonly dataTransfer?: { readonly files: ArrayLike<unknown> } | null;
  readonly target?: unknown;
}

/** Paths of dropped or picked files; `''` for a File not backed by a file on disk. */
export type PathOfFile = (file: unknown) => string;

/** Most recent paths kept; a session that drops more than this just re-drops. */
const MAX_REMEMBERED = 4096;

function filesOf(event: UserFileEvent): ArrayLike<unknown> {
  if (event.type === 'drop') return event.dataTransfer?.files ?? [];
  const target = event.target as { type?: unknown; files?: ArrayLike<unknown> | null } | null | undefined;
  return target && target.type === 'file' && target.files ? target.files : [];
}

export class UserFiles {
  private readonly paths = new Set<string>();

  constructor(private readonly pathOf: PathOfFile) {}

  /** Records the files of a trusted `drop` or `change` event; untrusted (synthetic) events are ignored. */
  note(event: UserFileEvent): void {
    if (!event.isTrusted) return;
    for (const file of Array.from(filesOf(event))) {
      const path = this.pathOf(file);
      if (!path) continue;
      this.paths.delete(path);
      this.paths.add(path);
      if (this.paths.size > MAX_REMEMBERED) this.paths.delete(this.paths.values().next().value!);
    }
  }

  /** The paths of files the page passes back; throws for a file the user did not give us. */
  pathsFor(files: readonly DroppedFile[]): string[] {
    return files.map((file) => {
      const path = this.pathOf(file);
      if (!path) {
        throw new InvalidArgumentError(
          `${file.name} is not a file on disk (only files dropped from the desktop or picked can be opened)`,
        );
      }
      if (!this.paths.has(path))
        throw new AccessDeniedError(`${file.name} was not dropped or picked by the user`);
      return path;
    });
  }
}
