/**
 * The grant list: the only paths main reads on the renderer's behalf are ones the user gave us
 * (picked in a dialog, dropped on the window, passed on the command line or by a second
 * instance, or chosen from Open Recent). Each gets an unguessable id; the renderer names files
 * only by id, and an id that was never granted is refused with AccessDeniedError.
 */
import { randomUUID } from 'node:crypto';
import { basename, isAbsolute, resolve } from 'node:path';
import { AccessDeniedError } from '../../shared/api/errors';

export interface Grant {
  id: string;
  /** Absolute, normalised. */
  path: string;
  name: string;
}

export class FileGrants {
  private readonly byId = new Map<string, Grant>();
  private readonly byPath = new Map<string, Grant>();

  /** Grants an absolute path (the same path keeps its id) and returns its grant. */
  grant(path: string): Grant {
    if (!isAbsolute(path)) {
      throw new AccessDeniedError(`refusing '${path}': only absolute paths the user chose can be opened`);
    }
    const normalised = resolve(path);
    const existing = this.byPath.get(normalised);
    if (existing) return existing;
    const grant: Grant = { id: randomUUID(), path: normalised, name: basename(normalised) };
    this.byId.set(grant.id, grant);
    this.byPath.set(normalised, grant);
    return grant;
  }

  /** The grant behind an id from the renderer; AccessDeniedError when there is none. */
  resolve(id: string): Grant {
    const grant = this.byId.get(id);
    if (!grant) {
      throw new AccessDeniedError(
        `no file with id '${id}' was opened in this session; open it with File → Open or drop it on the window`,
      );
    }
    return grant;
  }
}
