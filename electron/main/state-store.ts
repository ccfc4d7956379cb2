/** Holds the AppState in memory and writes it back (debounced, atomically) when it changes. */
import { join } from 'node:path';
import { emptyAppState, parseAppState, STATE_FILE_NAME, type AppState } from './app-state';
import { readJsonFile, writeJsonFile } from './files';

export class StateStore {
  private state: AppState = emptyAppState();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();
  readonly path: string;

  constructor(
    userDataFolder: string,
    private readonly delayMs = 300,
    private readonly onWriteError: (error: unknown) => void = () => undefined,
  ) {
    this.path = join(userDataFolder, STATE_FILE_NAME);
  }

  async load(): Promise<AppState> {
    this.state = parseAppState(await readJsonFile(this.path));
    return this.state;
  }

  get current(): AppState {
    return this.state;
  }

  /** Replaces the state with `change(state)` and schedules a write. */
  update(change: (state: AppState) => AppState): AppState {
    this.state = change(this.state);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    return this.state;
  }

  /** Writes now (on quit, or when a test wants the file). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const snapshot = this.state;
    this.writing = this.writing.then(() => writeJsonFile(this.path, snapshot).catch(this.onWriteError));
    await this.writing;
  }
}
