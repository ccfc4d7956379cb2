/** Where the app's own files are, in development (dev server, sources) and in a build. */
import { join } from 'node:path';

export interface AppPaths {
  /** The sandboxed preload (CommonJS). */
  preload: string;
  /** The built renderer, served on app://postnet/. */
  rendererDir: string;
  /** The compute worker's bundle. */
  worker: string;
  /** The bundled sample WAV. */
  sampleWav: string;
  /** The Vite dev server's URL in development, else null. */
  devServerUrl: string | null;
}

/**
 * `mainDir` is out/main (where index.js runs from), `appRoot` the app's root (app.getAppPath()),
 * `devServerUrl` electron-vite's `ELECTRON_RENDERER_URL`. Only a development build (build-mode.ts)
 * honours that variable: set in a user's environment it would load an http origin that main trusts
 * as its own (the dev CSP, the API). The sample comes from renderer/public in development and from
 * the built renderer otherwise.
 */
export function appPaths(
  mainDir: string,
  appRoot: string,
  devServerUrl: string | undefined,
  isDevBuild: boolean,
): AppPaths {
  const rendererDir = join(mainDir, '..', 'renderer');
  const dev = devServerUrl && isDevBuild ? devServerUrl : null;
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir,
    worker: join(mainDir, 'worker.js'),
    sampleWav: dev
      ? join(appRoot, 'renderer', 'public', 'samples', 'sample.wav')
      : join(rendererDir, 'samples', 'sample.wav'),
    devServerUrl: dev,
  };
}
