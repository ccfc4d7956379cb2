/**
 * The workspace end to end: the built renderer in Chromium through the browser host. One
 * window for the whole file, driven in order like a user would: the sample, hover, zoom, drops,
 * exports, a broken file.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main as cli } from '../../electron/cli/main';
import { expectClose } from '../helpers/close';
import { TACOTRON2_MEL } from '../../shared/mel/config';
import { analyzeWav } from '../../shared/pipeline/analyze';
import { processSpectrogram } from '../../shared/pipeline/process';
import { defaultWeights, loadWeights } from '../../shared/weights/load';
import { encodeNpyFloat32 } from '../../shared/formats/npy';
import { screenshot } from './helpers/artifacts';
import {
  dropFiles,
  launchApp,
  leaveDemo,
  paneHeader,
  readMetrics,
  waitFirstDraw,
  waitIdle,
} from './helpers/browser';
import type { App } from './helpers/browser';
import { captureDownloads } from './helpers/downloads';
import { colourBarInk, paneCanvasHash, paneCanvasStats } from './helpers/pixels';
import { encodeWavPcm16, testSignal } from './helpers/wav';
import { scaledPostnetNpz, smallPostnetNpz } from './helpers/weights-npz';

const SAMPLE = resolve(import.meta.dirname, '..', '..', 'renderer', 'public', 'samples', 'sample.wav');
const PANES = ['input', 'output', 'residual'] as const;

describe('workspace in Chromium (browser host)', () => {
  let app: App;
  let work: string;
  const chirp = { name: 'chirp.wav', bytes: encodeWavPcm16(testSignal(3), 22050) };
  const trained = { name: 'trained.npz', bytes: scaledPostnetNpz(0.5) };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'postnet-e2e-files-'));
    await writeFile(join(work, chirp.name), chirp.bytes);
    await writeFile(join(work, trained.name), trained.bytes);
    app = await launchApp(inject('baseUrl'));
    // The engine setting: the TypeScript backend, so exports equal the Node pipeline bit for bit
    // (the default, WASM, agrees within 1e-5; test/e2e/long-file.test.ts runs it).
    await app.page.selectOption('select[aria-label="Engine"]', 'js');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('first run opens the sample; outside the demo, untrained, it draws input, output and residual (pixels, not just DOM)', async () => {
    const { page } = app;
    await waitFirstDraw(page);
    await waitIdle(page);
    const { panesDrawnAt } = await readMetrics(page);
    console.log(`sample: navigation start → input and output drawn in ${panesDrawnAt!.toFixed(0)} ms`);
    await leaveDemo(page);
    expect(await paneHeader(page, 'input')).toBe('input · [80, 562] · 6.52 s · tacotron2 mel · sample.wav');
    expect(await paneHeader(page, 'output')).toContain('untrained Tacotron 2 post-net');
    for (const kind of PANES) {
      expect(await colourBarInk(page, kind), `${kind} colour bar pixels`).toBeGreaterThan(100);
      const stats = await paneCanvasStats(page, kind);
      expect(stats.width, kind).toBeGreaterThan(500);
      expect(stats.distinctColours, `${kind} distinct colours`).toBeGreaterThan(30);
      expect(stats.luminanceVariance, `${kind} luminance variance`).toBeGreaterThan(50);
    }
    expect(await page.getByTestId('weights-name').textContent()).toBe('untrained Tacotron 2 post-net');
    await screenshot(page, '01-sample');
    expect(app.errors).toEqual([]);
  });

  it('the hover readout shows the same numbers as the pipeline computes in Node', async () => {
    const { page } = app;
    const box = (await page.locator('.pane[data-kind="input"] .pane-hit').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.37, box.y + box.height * 0.55);
    const readout = page.locator('.readout');
    await expect.poll(() => readout.getAttribute('data-frame')).not.toBeNull();
    const frame = Number(await readout.getAttribute('data-frame'));
    const band = Number(await readout.getAttribute('data-band'));
    // Fit view: frame = ⌊x · nFrames / width⌋, band counted from the bottom (±1 for pixel rounding).
    expect(Math.abs(frame - Math.floor(0.37 * 562))).toBeLessThanOrEqual(1);
    expect(Math.abs(band - (79 - Math.floor(0.55 * 80)))).toBeLessThanOrEqual(1);

    const { mel } = analyzeWav(new Uint8Array(await readFile(SAMPLE)), 'sample.wav', TACOTRON2_MEL);
    const processed = await processSpectrogram(defaultWeights().stack, mel);
    const index = band * mel.nFrames + frame;
    const expected = {
      input: mel.data[index]!,
      output: processed.output[index]!,
      residual: processed.residual[index]!,
    };
    const shown = await Promise.all(
      PANES.map(async (kind) =>
        Number(await page.locator(`.readout-value[data-kind="${kind}"]`).getAttribute('data-value')),
      ),
    );
    expectClose(shown, [expected.input, expected.output, expected.residual], {
      atol: 1e-5,
      label: `input, output, residual at frame ${frame}, band ${band}`,
    });
    const lefts = await page
      .locator('.crosshair-x')
      .evaluateAll((lines) => lines.map((l) => (l as HTMLElement).style.left));
    expect(lefts).toHaveLength(3);
    expect(new Set(lefts).size).toBe(1);
    await screenshot(page, '02-hover-readout');
  });

  it('keyboard zoom and pan move all three panes together, and 0 fits again', async () => {
    const { page } = app;
    const before = await Promise.all(PANES.map((kind) => paneCanvasHash(page, kind)));
    const frameBefore = await page.locator('.readout').getAttribute('data-frame');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('ArrowRight');
    await waitIdle(page);
    const zoomed = await Promise.all(PANES.map((kind) => paneCanvasHash(page, kind)));
    PANES.forEach((kind, i) => expect(zoomed[i], kind).not.toBe(before[i]));
    const box = (await page.locator('.pane[data-kind="output"] .pane-hit').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.37, box.y + box.height * 0.55);
    await expect.poll(() => page.locator('.readout').getAttribute('data-frame')).not.toBe(frameBefore);
    await screenshot(page, '03-zoomed');
    await page.keyboard.press('0');
    await waitIdle(page);
    const fitted = await Promise.all(PANES.map((kind) => paneCanvasHash(page, kind)));
    expect(fitted).toEqual(before);
  });

  it('dropping a generated WAV replaces the sample', async () => {
    const { page } = app;
    const before = await paneCanvasHash(page, 'input');
    await dropFiles(page, [chirp]);
    await expect.poll(() => paneHeader(page, 'input'), { timeout: 30_000 }).toContain('chirp.wav');
    await waitIdle(page);
    expect(await paneHeader(page, 'input')).toBe('input · [80, 259] · 3.00 s · tacotron2 mel · chirp.wav');
    expect(await paneCanvasHash(page, 'input')).not.toBe(before);
    for (const kind of PANES)
      expect((await paneCanvasStats(page, kind)).distinctColours, kind).toBeGreaterThan(20);
    await screenshot(page, '04-dropped-wav');
  });

  it('dropping an .npz of weights changes the output and the weights panel, not the input', async () => {
    const { page } = app;
    const inputHeader = await paneHeader(page, 'input');
    const output = await paneCanvasHash(page, 'output');
    await dropFiles(page, [trained]);
    await expect
      .poll(() => page.getByTestId('weights-name').textContent(), { timeout: 30_000 })
      .toBe('trained.npz');
    await waitIdle(page);
    expect(await paneHeader(page, 'output')).toContain('trained.npz');
    // The input is the same (its colours may shift: input and output share the auto range).
    expect(await paneHeader(page, 'input')).toBe(inputHeader);
    expect(await paneCanvasHash(page, 'output')).not.toBe(output);
    expect(await page.getByTestId('module-text').textContent()).toContain(
      'Conv1d(80, 512, kernel_size=(5,), stride=(1,), padding=(2,))',
    );
    expect(await page.locator('.conv-card').textContent()).toContain('[512, 80, 5] = 204,800 numbers');
    await screenshot(page, '05-trained-weights');
  });

  let exported: Buffer | null = null;

  it('an exported .npy (with its sidecar) equals the shared pipeline run in Node, byte for byte', async () => {
    const { page } = app;
    await waitIdle(page);
    const [file, sidecar] = await captureDownloads(page, 2, () =>
      page.selectOption('select[aria-label="Export"]', 'npy'),
    );
    expect(file!.name).toBe('chirp.npy');
    expect(sidecar!.name).toBe('chirp.npy.json');
    expect(sidecar!.bytes.toString('utf8')).toContain('trained.npz');
    exported = file!.bytes;
    const { mel } = analyzeWav(chirp.bytes, chirp.name, TACOTRON2_MEL);
    const { stack } = loadWeights([trained], { nMels: mel.nMels });
    const { output } = await processSpectrogram(stack, mel);
    const expected = Buffer.from(encodeNpyFloat32(output, [mel.nMels, mel.nFrames]));
    expect(exported.length).toBe(expected.length);
    expect(exported.equals(expected)).toBe(true);
  });

  it('an exported .npy equals the CLI’s `process` output on the same backend byte for byte', async () => {
    expect(exported, 'the export test above must run first').not.toBeNull();
    const out = join(work, 'cli.npy');
    // The window's engine is set to the TypeScript backend above; the CLI's default (native)
    // agrees within 1e-5 but not to the last bit, so the CLI is asked for the same backend.
    const status = await cli([
      'process',
      join(work, chirp.name),
      '--weights',
      join(work, trained.name),
      '-o',
      out,
      '--backend',
      'js',
    ]);
    expect(status, 'postnet-studio process exit status').toBe(0);
    const expected = await readFile(out);
    expect(exported!.length).toBe(expected.length);
    expect(exported!.equals(expected)).toBe(true);
  });

  it('the PNG export is the view with axes and colour bars', async () => {
    const { page } = app;
    await waitIdle(page);
    const [png] = await captureDownloads(page, 2, () =>
      page.selectOption('select[aria-label="Export"]', 'png'),
    );
    expect([...png!.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const width = png!.bytes.readUInt32BE(16);
    const height = png!.bytes.readUInt32BE(20);
    expect(width).toBeGreaterThan(1000);
    expect(height).toBeGreaterThan(600);
    // Each pane's row axis is captioned as on screen ('band · Hz' left of the header): ink in the
    // first header's axis slot (the PNG is drawn at 2×: 92 CSS px wide, 22 tall).
    const ink = await page.evaluate(
      async (bytes) => {
        const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        const slot = context.getImageData(0, 0, 2 * 92, 2 * 22).data;
        const [r0, g0, b0] = context.getImageData(2, 2, 1, 1).data;
        let count = 0;
        for (let i = 0; i < slot.length; i += 4) {
          if (Math.abs(slot[i]! - r0!) + Math.abs(slot[i + 1]! - g0!) + Math.abs(slot[i + 2]! - b0!) > 60)
            count++;
        }
        return count;
      },
      [...png!.bytes],
    );
    expect(ink, 'ink of the row-axis caption in the PNG').toBeGreaterThan(40);
  });

  it('the other exports download what vocoders and spreadsheets read: [1, 80, T] .npy, .npz, .csv', async () => {
    const { page } = app;
    const exportAs = async (format: string) => {
      await waitIdle(page);
      const [file, sidecar] = await captureDownloads(page, 2, () =>
        page.selectOption('select[aria-label="Export"]', format),
      );
      expect(JSON.parse(sidecar!.bytes.toString('utf8')).file, 'the sidecar names its file').toBe(file!.name);
      return file!;
    };
    const batched = await exportAs('npy-batched');
    expect(batched.name).toBe('chirp_batched.npy');
    expect(batched.bytes.subarray(0, 128).toString('latin1')).toContain("'shape': (1, 80, 259)");
    const dataBytes = 259 * 80 * 4; // the same float32 values as the [80, T] file, after its header
    const tail = (bytes: Buffer) => bytes.subarray(bytes.length - dataBytes);
    expect(tail(batched.bytes).equals(tail(exported!))).toBe(true);
    const npz = await exportAs('npz');
    expect(npz.name).toBe('chirp.npz');
    expect(npz.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const csv = await exportAs('csv');
    expect(csv.bytes.toString('utf8').split('\n')[0]).toMatch(/^frame,time_s,mel_0,.*,mel_79$/);
  });

  it('fails clearly when a dropped file is broken: the error names it and the previous view stays', async () => {
    const { page } = app;
    const hashes = await Promise.all(PANES.map((kind) => paneCanvasHash(page, kind)));
    const broken = new Uint8Array(64);
    broken.set([...'RIFF'].map((c) => c.charCodeAt(0)));
    broken.set(
      [...'WAVEjunk'].map((c) => c.charCodeAt(0)),
      8,
    );
    await dropFiles(page, [{ name: 'broken.wav', bytes: broken }]);
    const error = page.getByTestId('error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-error-name')).toBe('WavFormatError');
    expect(await error.textContent()).toContain('Opening broken.wav failed');
    expect(await error.textContent()).toContain('broken.wav');
    await waitIdle(page);
    expect(await paneHeader(page, 'input')).toContain('chirp.wav');
    expect(await Promise.all(PANES.map((kind) => paneCanvasHash(page, kind)))).toEqual(hashes);
    await screenshot(page, '06-broken-file');
    await page.keyboard.press('Escape');
    await expect.poll(() => error.count()).toBe(0);
  });

  it('fails clearly when dropped weights do not fit the input: 64-band weights on an 80-band mel', async () => {
    const { page } = app;
    const hashes = await Promise.all(PANES.map((kind) => paneCanvasHash(page, kind)));
    await dropFiles(page, [{ name: 'mel64.npz', bytes: smallPostnetNpz(64) }], '.weights-panel');
    const error = page.getByTestId('error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-error-name')).toBe('ShapeMismatchError');
    expect(await error.textContent()).toMatch(/64/);
    await waitIdle(page);
    expect(await page.getByTestId('weights-name').textContent()).toBe('trained.npz');
    expect(await Promise.all(PANES.map((kind) => paneCanvasHash(page, kind)))).toEqual(hashes);
    expect(await page.getByTestId('drop-overlay').count()).toBe(0);
    await screenshot(page, '08-weights-mismatch');
    await page.keyboard.press('Escape');
  });

  it('? shows the shortcut sheet and Escape closes it', async () => {
    const { page } = app;
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain('Fit the whole file');
    await screenshot(page, '07-shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
  });

  it('the ? button opens the sheet with the focus on Close; closing gives the focus back to ?', async () => {
    const { page } = app;
    const opener = page.getByRole('button', { name: '?', exact: true });
    await opener.click();
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
    await page.keyboard.press('Enter');
    await expect.poll(() => sheet.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('title'))).toBe(
      'Keyboard shortcuts (?)',
    );
    const names = await page
      .locator('section.pane')
      .evaluateAll((panes) => panes.map((pane) => pane.getAttribute('aria-label')));
    expect(names).toEqual(['input pane', 'output pane', 'residual pane']);
  });

  it('the HiFi-GAN mel preset re-analyses the WAV: T = N // hop, one frame fewer', async () => {
    const { page } = app;
    await waitIdle(page);
    await page.selectOption('select[aria-label="Mel preset"]', 'hifigan');
    await expect.poll(() => paneHeader(page, 'input'), { timeout: 30_000 }).toContain('hifigan mel');
    await waitIdle(page);
    expect(await paneHeader(page, 'input')).toBe('input · [80, 258] · 3.00 s · hifigan mel · chirp.wav');
    expect(await paneHeader(page, 'output')).toContain('[80, 258]');
    await page.selectOption('select[aria-label="Mel preset"]', 'tacotron2');
    await expect.poll(() => paneHeader(page, 'input'), { timeout: 30_000 }).toContain('[80, 259]');
  });

  it('Open… uses the browser’s file chooser (the dialog source)', async () => {
    const { page } = app;
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Open…' }).click(),
    ]);
    await chooser.setFiles(SAMPLE);
    await expect.poll(() => paneHeader(page, 'input'), { timeout: 30_000 }).toContain('sample.wav');
    await waitIdle(page);
    expect(await paneHeader(page, 'output')).toContain('trained.npz');
  });

  it('the whole session logged no console error (no CSP violation, no uncaught error)', () => {
    expect(app.errors).toEqual([]);
  });
});
