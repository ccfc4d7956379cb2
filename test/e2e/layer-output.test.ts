/**
 * What each Conv1d layer outputs, end to end: the built renderer in Chromium through the browser
 * host. Selecting a layer adds its `[channels, T]` output as a fourth pane on the shared time axis;
 * its readout, the input pane's receptive-field shading and the Conv1d card's numbers are checked
 * against the shared pipeline run in Node and against 1 + Σ (k − 1)·d.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectClose } from '../helpers/close';
import { medianOf } from '../helpers/median';
import { TACOTRON2_MEL } from '../../shared/mel/config';
import { analyzeWav } from '../../shared/pipeline/analyze';
import { processSpectrogram } from '../../shared/pipeline/process';
import { defaultWeights } from '../../shared/weights/load';
import { artifactPath, screenshot } from './helpers/artifacts';
import { dropFiles, launchOnSampleWithoutDemo, paneHeader, readMetrics, waitIdle } from './helpers/browser';
import type { App, PageMetrics } from './helpers/browser';
import { captureDownloads } from './helpers/downloads';
import { paneCanvasHash, paneCanvasStats } from './helpers/pixels';
import { encodeWavPcm16, testSignal } from './helpers/wav';

const SAMPLE = resolve(import.meta.dirname, '..', '..', 'renderer', 'public', 'samples', 'sample.wav');

/** Layer outputs of the default weights over the sample, computed in Node (as the CLI would). */
async function nodeActivations(bytes: Uint8Array, name: string, layers: number[]) {
  const { mel } = analyzeWav(bytes, name, TACOTRON2_MEL);
  const processed = await processSpectrogram(defaultWeights().stack, mel, { activations: layers });
  return { mel, processed };
}

/** What `showLayerTimed` saw between the click and the layer pane's draw. */
interface LayerShown {
  /** Milliseconds from the click to the draw (performance.now() in the page, both ends). */
  ms: number;
  /** Whether the status bar showed a running job (`[data-testid="job"]`) at any point in between. */
  jobSeen: boolean;
}

/** In the page while `showLayerTimed` watches the status bar. */
interface JobWatch {
  __jobWatch: { seen: boolean; note(records: MutationRecord[]): void; observer: MutationObserver };
}

/**
 * Clicks a layer in the list from inside the page and resolves with the milliseconds until the
 * layer pane was drawn with that layer's data, and whether a job showed in the meantime: a
 * MutationObserver installed before the click notes every status bar that is, or was, the job's.
 */
async function showLayerTimed(page: Page, layer: number): Promise<LayerShown> {
  const clickedAt = await page.evaluate((layer) => {
    const button = document.querySelector<HTMLButtonElement>(`button.layer[data-layer="${layer}"]`);
    if (!button) throw new Error(`no layer button ${layer}`);
    const watch = window as unknown as JobWatch;
    watch.__jobWatch?.observer.disconnect();
    const isJob = (node: Node) =>
      node instanceof Element &&
      (node.matches('[data-testid="job"]') || node.querySelector('[data-testid="job"]') !== null);
    const state: JobWatch['__jobWatch'] = {
      seen: false,
      note(records) {
        for (const record of records) {
          const wasJob = record.type === 'attributes' && record.oldValue === 'job';
          if (wasJob || isJob(record.target) || [...record.addedNodes].some(isJob)) state.seen = true;
        }
      },
      observer: new MutationObserver((records) => state.note(records)),
    };
    watch.__jobWatch = state;
    state.observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-testid'],
      attributeOldValue: true,
    });
    const at = performance.now();
    button.click();
    return at;
  }, layer);
  const prefix = `conv ${layer} output`;
  await page.waitForFunction(
    ({ prefix, clickedAt }) => {
      const metrics = (window as unknown as { __e2eDrawMetrics?: PageMetrics }).__e2eDrawMetrics;
      const drawn = metrics?.lastDrawn.layer;
      return drawn !== undefined && drawn.at > clickedAt && drawn.header.startsWith(prefix);
    },
    { prefix, clickedAt },
    { timeout: 60_000 },
  );
  const { lastDrawn } = await readMetrics(page);
  const jobSeen = await page.evaluate(() => {
    const { note, observer } = (window as unknown as JobWatch).__jobWatch;
    note(observer.takeRecords()); // records not yet delivered to the callback count too
    observer.disconnect();
    return (window as unknown as JobWatch).__jobWatch.seen;
  });
  return { ms: lastDrawn.layer!.at - clickedAt, jobSeen };
}

/** Moves the mouse to a fraction of a pane's plot and waits for the readout to follow. */
async function hoverPane(page: Page, kind: string, fx: number, fy: number): Promise<void> {
  const box = (await page.locator(`.pane[data-kind="${kind}"] .pane-hit`).boundingBox())!;
  await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
  await expect.poll(() => page.locator('.readout').getAttribute('data-frame')).not.toBeNull();
}

async function readoutCell(page: Page, kind: string) {
  const item = page.locator(`.readout-value[data-kind="${kind}"]`);
  return {
    value: Number(await item.getAttribute('data-value')),
    frame: Number(await item.getAttribute('data-frame')),
    row: Number(await item.getAttribute('data-row')),
  };
}

describe('layer outputs in Chromium (browser host)', () => {
  let app: App;
  let sample: Awaited<ReturnType<typeof nodeActivations>>;
  const timings: Record<string, number | number[]> = {};

  beforeAll(async () => {
    sample = await nodeActivations(new Uint8Array(await readFile(SAMPLE)), 'sample.wav', [2, 4]);
    app = await launchOnSampleWithoutDemo(inject('baseUrl'));
    // The TypeScript backend: its run times follow the multiply-adds (what the timing checks
    // compare), and a layer job lasts long enough to cancel. WASM is test/e2e/long-file.test.ts's.
    await app.page.selectOption('select[aria-label="Engine"]', 'js');
  });

  afterAll(async () => {
    await writeFile(artifactPath('layer-output.json'), JSON.stringify(timings, null, 1));
    await app?.close();
  });

  it('selecting a layer draws its [512, T] output as a fourth pane on the same time axis (pixels)', async () => {
    const { page } = app;
    expect(await page.locator('.pane[data-kind="layer"]').count()).toBe(0);
    const runs: number[] = [];
    for (const layer of [0, 1, 2]) {
      const { ms, jobSeen } = await showLayerTimed(page, layer);
      // Fetched from the host: the status bar shows the job (what the cached case must not see).
      expect(jobSeen, `a job showed while conv ${layer} was fetched`).toBe(true);
      runs.push(Math.round(ms));
      await waitIdle(page);
    }
    timings.sampleRunsMs = runs;
    timings.sampleMedianMs = medianOf(runs);
    console.log(
      `sample [80, 562]: click a layer → its output drawn: ${JSON.stringify(runs)} ms (conv 0, 1, 2)`,
    );
    expect(await paneHeader(page, 'layer')).toBe(
      'conv 2 output · tanh(BN(Conv1d(512, 512, k=5))) · [512, 562]',
    );
    const stats = await paneCanvasStats(page, 'layer');
    expect(stats.width).toBeGreaterThan(500);
    expect(stats.distinctColours, 'layer pane distinct colours').toBeGreaterThan(30);
    expect(stats.luminanceVariance, 'layer pane luminance variance').toBeGreaterThan(50);
    // Same plot geometry as the mel panes: one time axis.
    const layerBox = (await page.locator('.pane[data-kind="layer"] .pane-hit').boundingBox())!;
    const inputBox = (await page.locator('.pane[data-kind="input"] .pane-hit').boundingBox())!;
    expect(layerBox.x).toBe(inputBox.x);
    expect(layerBox.width).toBe(inputBox.width);
    expect(await page.locator('button.layer[data-layer="2"]').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, '20-layer-output');
  });

  it('switching the layer pane redraws that pane only: input, output and residual keep their drawing', async () => {
    const { page } = app;
    const before = (await readMetrics(page)).lastDrawn;
    await showLayerTimed(page, 1);
    await waitIdle(page);
    await showLayerTimed(page, 2);
    await waitIdle(page);
    const after = (await readMetrics(page)).lastDrawn;
    expect(after.layer!.at).toBeGreaterThan(before.layer!.at);
    for (const kind of ['input', 'output', 'residual'] as const) {
      expect(after[kind]!.at, `${kind} pane last drawn`).toBe(before[kind]!.at);
    }
  });

  it('the readout under the crosshair shows the conv 2 output computed in Node for the same input and weights', async () => {
    const { page } = app;
    await hoverPane(page, 'layer', 0.41, 0.3);
    const cell = await readoutCell(page, 'layer');
    // Fit view: frame = ⌊x · T / width⌋; channel 0 at the bottom (±1 for pixel rounding).
    expect(Math.abs(cell.frame - Math.floor(0.41 * 562))).toBeLessThanOrEqual(1);
    expect(Math.abs(cell.row - (511 - Math.floor(0.3 * 512)))).toBeLessThanOrEqual(1);
    const conv2 = sample.processed.activations.find((a) => a.layer === 2)!;
    expect([conv2.nChannels, conv2.nFrames]).toEqual([512, 562]);
    expectClose([cell.value], [conv2.data[cell.row * conv2.nFrames + cell.frame]!], {
      atol: 1e-5,
      label: `conv 2 output at channel ${cell.row}, frame ${cell.frame}`,
    });
    // The Conv1d card fills in the same t and o, and the window t−2 … t+2.
    const card = page.locator('.conv-at-cursor');
    expect(Number(await card.getAttribute('data-t'))).toBe(cell.frame);
    expect(Number(await card.getAttribute('data-o'))).toBe(cell.row);
    expect(Number(await card.getAttribute('data-first'))).toBe(cell.frame - 2);
    expect(Number(await card.getAttribute('data-last'))).toBe(cell.frame + 2);
    expect(await card.textContent()).toContain(
      `out[${cell.row}, ${cell.frame}] = bias[${cell.row}] + Σ_c Σ_k weight[${cell.row}, c, k] · x[c, ${cell.frame - 2} + k]`,
    );
    await page.locator('.conv-card').scrollIntoViewIfNeeded();
    await screenshot(page, '21-layer-readout-and-card');
  });

  it('the input pane shades the receptive field of conv 2: 1 + 3·(5 − 1) = 13 frames, in pixels too', async () => {
    const { page } = app;
    await hoverPane(page, 'input', 0.5, 0.5);
    const frame = Number(await page.locator('.readout').getAttribute('data-frame'));
    const shade = page.locator('.pane[data-kind="input"] .receptive-field');
    expect(Number(await shade.getAttribute('data-first'))).toBe(frame - 6);
    expect(Number(await shade.getAttribute('data-last'))).toBe(frame + 6);
    const plot = (await page.locator('.pane[data-kind="input"] .pane-hit').boundingBox())!;
    const box = (await shade.boundingBox())!;
    expect(Math.abs(box.width - (13 * plot.width) / 562)).toBeLessThan(1);
    expect(await page.locator('.readout-receptive').getAttribute('data-width')).toBe('13');
    expect(await page.locator('.readout-receptive').textContent()).toContain('conv 2 output ← input frames');
  });

  it('switching layers replaces the pane: conv 4 (linear, 80 channels) equals the residual and Node', async () => {
    const { page } = app;
    const before = await paneCanvasHash(page, 'layer');
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    await expect.poll(() => paneHeader(page, 'layer'), { timeout: 60_000 }).toContain('conv 4 output');
    await waitIdle(page);
    expect(await paneHeader(page, 'layer')).toBe('conv 4 output · BN(Conv1d(512, 80, k=5)) · [80, 562]');
    expect(await page.locator('.pane[data-kind="layer"]').count()).toBe(1);
    expect(await paneCanvasHash(page, 'layer')).not.toBe(before);
    await hoverPane(page, 'layer', 0.63, 0.7);
    const cell = await readoutCell(page, 'layer');
    const residual = await readoutCell(page, 'residual');
    expect(cell.row).toBe(residual.row); // 80 rows each: the same band at the same height
    const conv4 = sample.processed.activations.find((a) => a.layer === 4)!;
    expectClose(
      [cell.value, residual.value],
      [conv4.data[cell.row * 562 + cell.frame]!, sample.processed.residual[cell.row * 562 + cell.frame]!],
      { atol: 1e-5, label: `conv 4 output and residual at band ${cell.row}, frame ${cell.frame}` },
    );
    await hoverPane(page, 'input', 0.5, 0.5);
    expect(await page.locator('.readout-receptive').getAttribute('data-width')).toBe('21');
    await screenshot(page, '22-layer-4');
  });

  it('going back to a layer already fetched is instant (cached), and L hides the pane', async () => {
    const { page } = app;
    const { ms, jobSeen } = await showLayerTimed(page, 2);
    timings.cachedLayerMs = Math.round(ms);
    console.log(
      `sample: back to conv 2 (cached) → drawn in ${Math.round(ms)} ms; fetched, the median was ${String(timings.sampleMedianMs)} ms`,
    );
    // A fetch shows a job in the status bar until the host answers; a cache hit never does.
    expect(jobSeen, 'a job showed between the click and the draw: the layer was fetched again').toBe(false);
    // And it takes under half of what fetching took in this run (the same layer, the same drawing).
    expect(ms).toBeLessThan(Number(timings.sampleMedianMs) / 2);
    await page.keyboard.press('l');
    await expect.poll(() => page.locator('.pane[data-kind="layer"]').count()).toBe(0);
    await hoverPane(page, 'input', 0.5, 0.5);
    expect(await page.locator('.readout-receptive').getAttribute('data-width')).toBe('21');
    await page.keyboard.press('l');
    await expect.poll(() => paneHeader(page, 'layer')).toContain('conv 2 output');
  });

  it('a 10 s file: with the pane open the new input computes its layer output in the same run', async () => {
    const { page } = app;
    const tenSeconds = encodeWavPcm16(testSignal(10), 22050);
    await dropFiles(page, [{ name: 'ten-seconds.wav', bytes: tenSeconds }]);
    await expect.poll(() => paneHeader(page, 'input'), { timeout: 60_000 }).toContain('ten-seconds.wav');
    await waitIdle(page);
    expect(await paneHeader(page, 'layer')).toBe(
      'conv 2 output · tanh(BN(Conv1d(512, 512, k=5))) · [512, 862]',
    );
    expect((await paneCanvasStats(page, 'layer')).distinctColours).toBeGreaterThan(30);
    // The host's own time for the whole stack over this file (output + conv 2, one run).
    const processMs = Number(/ran in (\d+) ms/.exec(await paneHeader(page, 'residual'))![1]);
    const runs: number[] = [];
    for (const layer of [0, 3, 1]) {
      runs.push(Math.round((await showLayerTimed(page, layer)).ms));
      await waitIdle(page);
    }
    timings.tenSecondsProcessMs = processMs;
    timings.tenSecondsRunsMs = runs;
    timings.tenSecondsMedianMs = medianOf(runs);
    console.log(
      `10 s file [80, 862]: process ${processMs} ms; click a layer → its output drawn: ` +
        `${JSON.stringify(runs)} ms (conv 0, 3, 1)`,
    );
    // conv 0 runs 1 layer of 5 (4.7 % of the multiply-adds): even with its drawing counted and the
    // process time without, it must take well under half of a full run, however busy the machine.
    expect(runs[0]!, 'conv 0 click → drawn vs a full process').toBeLessThan(processMs / 2);
    const { mel, processed } = await nodeActivations(tenSeconds, 'ten-seconds.wav', [1]);
    await hoverPane(page, 'layer', 0.77, 0.12);
    const cell = await readoutCell(page, 'layer');
    expectClose([cell.value], [processed.activations[0]!.data[cell.row * mel.nFrames + cell.frame]!], {
      atol: 1e-5,
      label: `conv 1 output of ten-seconds.wav at channel ${cell.row}, frame ${cell.frame}`,
    });
    await screenshot(page, '23-layer-ten-seconds');
  });

  it('Cancel stops a layer output being computed; the pane says it is not computed, and it can be asked again', async () => {
    const { page } = app;
    await page.locator('button.layer[data-layer="4"]').click();
    const job = page.getByTestId('job');
    await job.waitFor({ timeout: 30_000 });
    expect(await job.textContent()).toContain('Computing conv 4 output');
    expect(await page.getByTestId('placeholder-layer').textContent()).toBe('computing conv 4 output…');
    await screenshot(page, '24-layer-computing');
    await job.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => job.count(), { timeout: 5_000 }).toBe(0);
    expect(await page.locator('.status-bar').textContent()).toContain('Computing conv 4 output: cancelled');
    expect(await page.getByTestId('placeholder-layer').textContent()).toBe(
      'not computed: select conv 4 in the layer list',
    );
    await page.locator('button.layer[data-layer="4"]').click();
    await expect
      .poll(() => page.locator('canvas.pane-plot[data-kind="layer"]').getAttribute('data-drawn'), {
        timeout: 60_000,
      })
      .toContain('conv 4 output');
  });

  it('the layer list is keyboard-accessible: ↑ ↓ move through the layers and show each output', async () => {
    const { page } = app;
    await waitIdle(page);
    await page.locator('button.layer[data-layer="4"]').focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => paneHeader(page, 'layer'), { timeout: 60_000 }).toContain('conv 3 output');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-layer'))).toBe('3');
    await page.keyboard.press('Home');
    await expect.poll(() => paneHeader(page, 'layer'), { timeout: 60_000 }).toContain('conv 0 output');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-layer'))).toBe('0');
    await waitIdle(page);
    await screenshot(page, '25-layer-list-keyboard-focus');
  });

  it('the PNG export is the view with the layer pane: four panes, each header, axes and colour bar', async () => {
    const { page } = app;
    await waitIdle(page);
    const bodyHeight = await page
      .locator('.pane[data-kind="layer"] .pane-body')
      .evaluate((body) => (body as HTMLElement).offsetHeight);
    const [png] = await captureDownloads(page, 2, () =>
      page.selectOption('select[aria-label="Export"]', 'png'),
    );
    expect(png!.bytes.readUInt32BE(20), 'PNG height at 2×').toBe(2 * (4 * (22 + bodyHeight) + 24));
  });

  it('the whole session logged no console error', () => {
    expect(app.errors).toEqual([]);
  });
});
