/**
 * Whether this is a development build: `electron-vite dev` sets __POSTNET_DEV_BUILD__ to true
 * (electron.vite.config.ts), every `electron-vite build` — so `npm start`, `npm run package` and
 * every packaged app — to false. DevTools, the reload menu items and trusting the dev server's URL
 * (ELECTRON_RENDERER_URL) hang on it: `app.isPackaged` is false for an unpackaged production
 * build too, so it cannot tell them apart. Unset (unit tests run the sources) counts as false.
 */
declare const __POSTNET_DEV_BUILD__: boolean | undefined;

export function isDevBuild(): boolean {
  return typeof __POSTNET_DEV_BUILD__ === 'boolean' && __POSTNET_DEV_BUILD__;
}

/** The defines of the main bundle for an electron-vite command (`serve` is `electron-vite dev`). */
export function mainDefines(command: 'serve' | 'build'): Record<string, string> {
  return { __POSTNET_DEV_BUILD__: JSON.stringify(command === 'serve') };
}
