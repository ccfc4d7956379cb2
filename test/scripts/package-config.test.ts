/**
 * The packaging configuration (electron-builder.ts): targets, file associations, fuses, asar, the
 * files shipped, onnxruntime-node's bindings per target; and a real `--dir` package built against
 * a stand-in Electron binary (no download), whose app.asar and fuse wire are read back; and
 * `npm run package` where Electron's release cannot be downloaded (as on these machines): one
 * `error: cannot package: …` line, no stack trace (the mirror made unreachable, the cache empty).
 * One file, so the builds into out/ run one after the other.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config, { FUSES, filesFor } from '../../electron-builder';
import { describePackagingFailure } from '../../scripts/launch/package-errors.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Whether electron-builder would ship `path` given `patterns`, by its rules (fileMatcher.js): the
 * app's own files by all patterns in order, the last that applies winning; a production
 * dependency's files (node_modules/…) by the exclusions alone, after an implicit `**\/*`.
 */
function ships(path: string, patterns: readonly string[], arch: string): boolean {
  const forPath = path.startsWith('node_modules/')
    ? ['**/*', ...patterns.filter((p) => p.startsWith('!'))]
    : patterns;
  let match = false;
  for (const pattern of forPath.map((p) => new Minimatch(p.replaceAll('${arch}', arch), { dot: true }))) {
    if (match !== pattern.negate) continue;
    match = pattern.match(path);
  }
  return match;
}

describe('electron-builder.ts', () => {
  it('builds AppImage and deb, dmg, nsis, into an asar, without rebuilding native modules', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.publish).toBeNull();
  });

  it('associates WAV, .npy, .npz, .pt, .pth and .safetensors files with the app', () => {
    const extensions = [config.fileAssociations ?? []].flat().flatMap((a) => [a.ext].flat());
    expect(extensions.sort()).toEqual(['npy', 'npz', 'pt', 'pth', 'safetensors', 'wav']);
  });

  it('sets the fuses: no RunAsNode, NODE_OPTIONS or --inspect; cookie encryption, asar integrity, asar only', () => {
    expect(config.electronFuses).toEqual(FUSES);
    expect(FUSES).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('has an icon for every platform, in the formats each needs', () => {
    const head = (path: string, n: number) => readFileSync(join(ROOT, path)).subarray(0, n);
    expect(head('build/icons/512x512.png', 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(head('build/icon.ico', 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(head('build/icon.icns', 4).toString('latin1')).toBe('icns');
    expect([config.linux?.icon, config.mac?.icon, config.win?.icon]).toEqual([
      'build/icons',
      'build/icon.icns',
      'build/icon.ico',
    ]);
  });

  it.each(['linux', 'darwin', 'win32'] as const)(
    'on %s ships the build, not the sources, tests or fixtures',
    (os) => {
      const files = filesFor(os);
      for (const path of [
        'out/main/index.js',
        'out/preload/index.cjs',
        'out/renderer/index.html',
        'resources/demo-postnet.npz',
        'package.json',
      ]) {
        expect(ships(path, files, 'x64'), path).toBe(true);
      }
      for (const path of [
        'test/fixtures/weights/postnet_small/postnet.npz',
        'renderer/src/App.tsx',
        'electron/main/app.ts',
        'out/main/index.js.map',
        'node_modules/fflate/test/x.js',
        'node_modules/wavefile/README.md',
        'docs/cli.md',
      ]) {
        expect(ships(path, files, 'x64'), path).toBe(false);
      }
    },
  );

  it.each([
    ['linux', 'x64'],
    ['linux', 'arm64'],
    ['darwin', 'arm64'],
    ['win32', 'x64'],
  ] as const)('ships onnxruntime-node’s binding for %s-%s only', (os, arch) => {
    const files = filesFor(os);
    for (const other of ['linux', 'darwin', 'win32']) {
      for (const otherArch of ['x64', 'arm64']) {
        const path = `node_modules/onnxruntime-node/bin/napi-v6/${other}/${otherArch}/onnxruntime_binding.node`;
        expect(ships(path, files, arch), path).toBe(other === os && otherArch === arch);
      }
    }
    expect(ships('node_modules/onnxruntime-node/dist/index.js', files, arch)).toBe(true);
  });
});

describe('a --dir package made with a stand-in Electron (no download)', () => {
  let work: string;
  let unpacked: string;

  beforeAll(() => {
    mkdirSync(join(ROOT, 'test', 'artifacts'), { recursive: true });
    work = mkdtempSync(join(ROOT, 'test', 'artifacts', 'package-'));
    const electronDist = join(work, 'electron-dist');
    mkdirSync(electronDist);
    // The fuse wire as Electron 45 ships it: sentinel, version 1, 8 fuses.
    const wire = Buffer.concat([
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, 8]),
      Buffer.from('10011110'),
    ]);
    writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n'), wire]), {
      mode: 0o755,
    });
    writeFileSync(join(electronDist, 'LICENSE'), 'MIT');
    writeFileSync(join(electronDist, 'version'), '45.5.0');
    const out = join(work, 'dist');
    // electron-builder packages the project's out/, as `npm run package` builds it.
    const electronVite = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    const build = spawnSync(process.execPath, [electronVite, 'build', '--logLevel', 'error'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`electron-vite build failed: ${build.stderr}`);
    const builder = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
        '--linux',
        'dir',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${out}`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (builder.status !== 0) throw new Error(`electron-builder failed:\n${builder.stdout}${builder.stderr}`);
    unpacked = join(out, 'linux-unpacked');
  }, 240_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the build and the production dependencies in app.asar, and no sources or tests', () => {
    const listed = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((p) =>
      p.replaceAll('\\', '/').replace(/^\//, ''),
    );
    expect(listed).toEqual(
      expect.arrayContaining(['out/main/index.js', 'out/renderer/index.html', 'package.json']),
    );
    expect(listed.some((p) => p.startsWith('node_modules/fflate/'))).toBe(true);
    expect(listed.filter((p) => /^(test|renderer|electron|shared|docs|scripts)\//.test(p))).toEqual([]);
  });

  it('ships onnxruntime-node’s linux-x64 binding only (about 45 MB, not its 290 MB for every platform)', () => {
    const listed = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((p) =>
      p.replaceAll('\\', '/').replace(/^\//, ''),
    );
    const unpackedDir = join(unpacked, 'resources', 'app.asar.unpacked');
    const extra = existsSync(unpackedDir)
      ? readdirSync(unpackedDir, { recursive: true }).map((p) => String(p).replaceAll('\\', '/'))
      : [];
    const bindings = [...listed, ...extra].filter((p) =>
      /onnxruntime-node\/bin\/napi-v\d+\/[^/]+\/[^/]+\//.test(p),
    );
    const platforms = new Set(bindings.map((p) => /napi-v\d+\/([^/]+\/[^/]+)\//.exec(p)![1]));
    if (existsSync(join(ROOT, 'node_modules', 'onnxruntime-node')))
      expect([...platforms]).toEqual(['linux/x64']);
    else expect(bindings).toEqual([]);
  });

  it('flipped the fuses in the binary as configured', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'postnet-studio'));
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number);
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      cookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      nodeOptions: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      inspect: state(FuseV1Options.EnableNodeCliInspectArguments),
      asarIntegrity: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
    }).toEqual({
      runAsNode: '0',
      cookieEncryption: '1',
      nodeOptions: '0',
      inspect: '0',
      asarIntegrity: '1',
      onlyAsar: '1',
    });
  });
});

// `npm run package` offline (after the --dir package above: both build into out/).
const offlineWork = mkdtempSync(join(tmpdir(), 'postnet-package-offline-'));
afterAll(() => rmSync(offlineWork, { recursive: true, force: true }));

describe('describePackagingFailure', () => {
  it('says a failed download in one line with the mirror variables, without URLs', () => {
    const error = Object.assign(
      new Error('getaddrinfo ENOTFOUND some.host for https://some.host/x.zip\n    at y'),
      {
        code: 'ENOTFOUND',
      },
    );
    const line = describePackagingFailure(error);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(
      /^cannot package: the Electron release .* could not be downloaded \(getaddrinfo ENOTFOUND some\.host\); .*ELECTRON_MIRROR.*ELECTRON_BUILDER_BINARIES_MIRROR/,
    );
    expect(line).not.toContain('https://');
  });

  it('passes any other failure on as its first line', () => {
    expect(describePackagingFailure(new Error('Application entry file "x" does not exist\nmore'))).toBe(
      'cannot package: Application entry file "x" does not exist',
    );
  });
});

describe('npm run package offline', () => {
  it('fails with exit 1 and one error line, not a stack trace', () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts', 'package.mjs'), '--linux', '--dir', '--output', join(offlineWork, 'dist')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          ELECTRON_MIRROR: 'http://127.0.0.1:9/',
          ELECTRON_BUILDER_BINARIES_MIRROR: 'http://127.0.0.1:9/',
          ELECTRON_CACHE: join(offlineWork, 'cache'),
          electron_config_cache: join(offlineWork, 'cache'),
        },
      },
    );
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error: '));
    expect(errors).toEqual([
      expect.stringMatching(
        /^error: cannot package: the Electron release \(and electron-builder's tools\) could not be downloaded \(connect ECONNREFUSED 127\.0\.0\.1:9\); .*ELECTRON_MIRROR/,
      ),
    ]);
  }, 240_000);
});
