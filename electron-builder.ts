// Packaging with electron-builder (`npm run package`, scripts/package.mjs): Linux AppImage and
// deb, macOS dmg, Windows nsis. The app is the electron-vite build (out/) in an asar archive with
// the production dependencies, Electron's fuses set (see docs/DEVELOPERS.md, Packaging), and the
// file types the app opens associated with it. test/scripts/package-config.test.ts checks it.
import type { Configuration } from 'electron-builder';

/** The file types the app opens (WAV audio, NumPy arrays, PyTorch and safetensors weights). */
export const FILE_ASSOCIATIONS = [
  { ext: 'wav', name: 'WAV audio', mimeType: 'audio/wav', role: 'Viewer' },
  { ext: ['npy', 'npz'], name: 'NumPy array', mimeType: 'application/x-npy', role: 'Viewer' },
  { ext: ['pt', 'pth'], name: 'PyTorch checkpoint', mimeType: 'application/x-pytorch', role: 'Viewer' },
  { ext: 'safetensors', name: 'safetensors weights', mimeType: 'application/x-safetensors', role: 'Viewer' },
] as const;

/**
 * What of the repository goes into the app: the build, the bundled demo weights (the default
 * post-net, read by main from resources/), and nothing that only tests or documents it.
 */
export const FILES = [
  'out/**/*',
  'resources/demo-postnet.npz',
  'package.json',
  '!out/**/*.map',
  '!**/{test,tests,__tests__,fixtures,__fixtures__,example,examples,benchmark,benchmarks,docs}/**',
  '!**/*.{md,markdown,ts,tsx,map}',
  '!**/{.github,.vscode,.idea}/**',
] as const;

/**
 * onnxruntime-node (an optional dependency, used where its binary loads) ships prebuilt bindings
 * for every platform under bin/napi-v*\/<os>/<arch>/ (about 290 MB); a package keeps its own
 * platform's only, for the arch being built (`${arch}` is electron-builder's macro).
 */
const ONNX_BIN = 'node_modules/onnxruntime-node/bin/napi-v*';
export function onnxRuntimeFiles(os: 'linux' | 'darwin' | 'win32'): string[] {
  const others = (['linux', 'darwin', 'win32'] as const).filter((other) => other !== os);
  return [`!${ONNX_BIN}/{${others.join(',')}}/**`, `!${ONNX_BIN}/${os}/!(\${arch})/**`];
}

/**
 * A platform's whole `files` list. It is given per platform, not split between the top level and
 * the platform: electron-builder keeps those in separate matchers, and a platform list of only
 * exclusions would then start from "everything" (the whole repository, tests included).
 */
export function filesFor(os: 'linux' | 'darwin' | 'win32'): string[] {
  return [...FILES, ...onnxRuntimeFiles(os)];
}

/** Electron's fuses, flipped in the packaged binary (@electron/fuses through electron-builder). */
export const FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

const config: Configuration = {
  appId: 'studio.postnet.app',
  productName: 'Postnet Studio',
  executableName: 'postnet-studio',
  copyright: 'Copyright © Postnet Studio contributors (MIT License)',
  directories: { output: 'dist', buildResources: 'build' },
  extraMetadata: { main: 'out/main/index.js' },
  asar: true,
  // No native module is compiled: onnxruntime-node's bindings are N-API prebuilds, and a rebuild
  // would download Node headers at packaging time.
  npmRebuild: false,
  nodeGypRebuild: false,
  electronFuses: FUSES,
  fileAssociations: FILE_ASSOCIATIONS.map((association) => ({
    ...association,
    ext: [...[association.ext].flat()],
  })),
  publish: null,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'AudioVideo;Audio;Science;Education',
    icon: 'build/icons',
    maintainer: 'Postnet Studio contributors',
    synopsis: 'Mel spectrograms and Conv1d post-nets you can see',
    files: filesFor('linux'),
  },
  deb: { depends: ['libgtk-3-0', 'libnss3', 'libxss1', 'libxtst6', 'libasound2 | libasound2t64'] },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    files: filesFor('darwin'),
  },
  dmg: { title: 'Postnet Studio ${version}' },
  win: {
    target: ['nsis'],
    icon: 'build/icon.ico',
    files: filesFor('win32'),
  },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};

export default config;
