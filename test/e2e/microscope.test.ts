/**
 * The microscope end to end: the built renderer in Chromium through the browser host, on the
 * bundled sample with the default weights. Clicking a cell of the residual or a layer pane pins
 * it; the panel's numbers (window, filter, products, Σ + bias → BatchNorm → activation) are checked
 * against the shared pipeline run in Node, ← → step the cell, play slides it, the receptive field
 * is marked on the panes. Screenshots at 1440×900 and 1280×800.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectClose } from '../helpers/close';
import { TACOTRON2_MEL } from '../../shared/mel/config';
import { analyzeWav } from '../../shared/pipeline/analyze';
import { processSpectrogram } from '../../shared/pipeline/process';
import { defaultWeights } from '../../shared/weights/load';
import { parseNpy } from '../../shared/formats/npy';
import { runText, textModelOf } from '../../shared/explain/text-run';
import { DEFAULT_TEXT } from '../../renderer/src/app/microscope/state';
import { charLabel } from '../../renderer/src/render/char-axis';
import { screenshot } from './helpers/artifacts';
import { captureDownloads } from './helpers/downloads';
import { launchOnSample, leaveDemo, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';

const SAMPLE = resolve(import.meta.dirname, '..', '..', 'renderer', 'public', 'samples', 'sample.wav');
const PANEL = 'section.microscope';

async function nodeRun() {
  const { mel } = analyzeWav(new Uint8Array(await readFile(SAMPLE)), 'sample.wav', TACOTRON2_MEL);
  const stack = defaultWeights().stack;
  const processed = await processSpectrogram(stack, mel, { activations: [0, 1, 2, 3] });
  return { mel, stack, processed };
}

/** Clicks a pane's plot at a fraction of its width and height. */
async function clickPane(page: Page, kind: string, fx: number, fy: number): Promise<void> {
  const box = (await page.locator(`.pane[data-kind="${kind}"] .pane-hit`).boundingBox())!;
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
}

/** Waits until the panel shows the explanation of the pinned cell, and returns the cell. */
async function pinnedCell(page: Page) {
  const panel = page.locator(`${PANEL}[data-ready="true"]`);
  await panel.waitFor({ timeout: 60_000 });
  const read = async (name: string) => Number(await panel.getAttribute(`data-${name}`));
  return {
    layer: await read('layer'),
    channel: await read('channel'),
    frame: await read('frame'),
    value: await read('value'),
  };
}

async function stepValue(page: Page, id: string): Promise<number> {
  return Number(await page.locator(`${PANEL} tr[data-step="${id}"]`).getAttribute('data-value'));
}

/** Hovers cell (row from the bottom, tap) of one of the panel's heatmaps and reads the hover line. */
async function hoverMatrix(page: Page, kind: string, row: number, tap: number) {
  const map = page.locator(`${PANEL} .heatmap[data-name="${kind}"]`);
  const box = (await map.boundingBox())!;
  const rows = Number(await map.getAttribute('data-rows'));
  const cols = Number(await map.getAttribute('data-cols'));
  await page.mouse.move(
    box.x + ((tap + 0.5) / cols) * box.width,
    box.y + ((rows - row - 0.5) / rows) * box.height,
  );
  const line = page.locator(`${PANEL} .matrix-hover`);
  await expect.poll(() => line.getAttribute('data-row')).toBe(String(row));
  return { value: Number(await line.getAttribute('data-value')), text: (await line.textContent()) ?? '' };
}

describe('the microscope in Chromium (browser host)', () => {
  let app: App;
  let run: Awaited<ReturnType<typeof nodeRun>>;

  beforeAll(async () => {
    run = await nodeRun();
    // The Node run it is checked against is the untrained post-net's, on the clean sample.
    app = await launchOnSample(inject('baseUrl'), { viewport: { width: 1440, height: 900 } });
    // The panes' values are compared with the Node run bit for bit: the TypeScript engine for the
    // untrained run leaveDemo makes (WASM agrees within 1e-5, not to the last bit).
    await app.page.selectOption('select[aria-label="Engine"]', 'js');
    await leaveDemo(app.page);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('clicking a cell of the residual pins conv 4 there: its value equals the full run in Node', async () => {
    const { page } = app;
    expect(await page.locator(PANEL).count()).toBe(0);
    await clickPane(page, 'residual', 0.5, 0.4);
    const cell = await pinnedCell(page);
    expect(cell.layer).toBe(4);
    const T = run.mel.nFrames;
    expect(Math.abs(cell.frame - Math.floor(0.5 * T))).toBeLessThanOrEqual(1);
    expect(Math.abs(cell.channel - (79 - Math.floor(0.4 * 80)))).toBeLessThanOrEqual(1);
    const residual = run.processed.residual[cell.channel * T + cell.frame]!;
    expectClose([cell.value], [residual], { atol: 1e-5, label: 'microscope value vs the residual' });
    // The chain: Σ products + bias, BatchNorm, the activation (linear), = the pane's value.
    expectClose([await stepValue(page, 'pane')], [residual], { atol: 0, label: 'the pane row' });
    expect(await page.locator(`${PANEL} [data-agrees="true"]`).count()).toBe(1);
    const conv = run.stack.layers[4]!;
    const sum = await stepValue(page, 'bias');
    const bn = conv.batchNorm!;
    const o = cell.channel;
    const normalized = (sum - bn.runningMean[o]!) / Math.sqrt(bn.runningVar[o]! + bn.eps);
    expectClose([await stepValue(page, 'normalize')], [normalized], { rtol: 1e-5, atol: 1e-6, label: 'x̂' });
    expectClose([await stepValue(page, 'affine')], [bn.weight[o]! * normalized + bn.bias[o]!], {
      rtol: 1e-5,
      atol: 1e-6,
      label: 'γ·x̂ + β',
    });
    // The shapes of the arithmetic at conv 4.
    const shapes = await page.locator(`${PANEL} .microscope-shapes`).textContent();
    expect(shapes).toContain(`input [1, 512, ${T}] → output [1, 80, ${T}]`);
    expect(shapes).toContain('80 filters of [512, 5]');
    expect(shapes).toContain('80·512·5 = 204,800 weights + 80 biases');
  });

  it('the window is conv 3’s output around t (a pane under the others, marked); hovering names its cells', async () => {
    const { page } = app;
    const cell = await pinnedCell(page);
    const T = run.mel.nFrames;
    const conv3 = run.processed.activations.find((a) => a.layer === 3)!;
    await expect
      .poll(() => page.locator('.pane[data-kind="window"] .pane-title').textContent())
      .toContain('conv 3 output');
    const window = page.locator('.pane[data-kind="window"] .pane-mark[data-mark="window"]');
    await window.waitFor();
    expect(Number(await window.getAttribute('data-first'))).toBe(cell.frame - 2);
    expect(Number(await window.getAttribute('data-last'))).toBe(cell.frame + 2);
    for (const [row, tap] of [
      [0, 0],
      [311, 2],
      [511, 4],
    ] as const) {
      const hovered = await hoverMatrix(page, 'window', row, tap);
      expectClose([hovered.value], [conv3.data[row * T + cell.frame - 2 + tap]!], {
        atol: 1e-6,
        label: `window [${row}, ${tap}]`,
      });
      expect(hovered.text).toContain(`channel ${row} of conv 3's output`);
    }
    const weight = run.stack.layers[4]!.weight;
    const filter = await hoverMatrix(page, 'filter', 100, 1);
    expectClose([filter.value], [weight[(cell.channel * 512 + 100) * 5 + 1]!], {
      atol: 0,
      label: 'W[o, 100, 1]',
    });
    expect(filter.text).toContain('frame t−1');
    // The receptive field on the input pane: 21 frames for the Tacotron 2 stack.
    const field = page.locator('.pane[data-kind="input"] .pane-mark[data-mark="field"]');
    expect(
      Number(await field.getAttribute('data-last')) - Number(await field.getAttribute('data-first')) + 1,
    ).toBe(21);
    expect(await page.locator(`${PANEL} .microscope-field tr`).count()).toBe(6);
    await page.locator('.pane[data-kind="window"] canvas.pane-plot[data-drawn]').waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, '40-microscope-1440');
  });

  it('← and → step the cell one frame and the numbers follow the full run', async () => {
    const { page } = app;
    const before = await pinnedCell(page);
    await page.locator('.pane-stack').blur();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator(PANEL).getAttribute('data-frame')).toBe(String(before.frame + 1));
    const after = await pinnedCell(page);
    const T = run.mel.nFrames;
    expectClose([after.value], [run.processed.residual[after.channel * T + after.frame]!], {
      atol: 1e-5,
      label: 'after →',
    });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator(PANEL).getAttribute('data-frame')).toBe(String(before.frame - 1));
    await pinnedCell(page);
  });

  it('a cell of conv 0 reads the input mel with padding as zeros at t = 0', async () => {
    const { page } = app;
    await page.locator('.side-tabs button[data-tab="weights"]').click();
    await page.locator('button.layer[data-layer="0"]').click();
    await waitIdle(page);
    await page.locator('.side-tabs button[data-tab="microscope"]').click();
    await clickPane(page, 'layer', 0.001, 0.5);
    const cell = await pinnedCell(page);
    expect([cell.layer, cell.frame]).toEqual([0, 0]);
    const T = run.mel.nFrames;
    const conv0 = run.processed.activations.find((a) => a.layer === 0)!;
    expectClose([cell.value], [conv0.data[cell.channel * T]!], { atol: 1e-5, label: 'conv 0 at t = 0' });
    expect(await page.locator('.pane[data-kind="window"]').count()).toBe(0);
    const padded = await hoverMatrix(page, 'window', 23, 0);
    expect(padded.value).toBe(0);
    expect(padded.text).toContain('padding, a zero');
    const band = await hoverMatrix(page, 'window', 23, 3);
    expectClose([band.value], [run.mel.data[23 * T + 1]!], { atol: 0, label: 'mel band 23, frame 1' });
    expect(band.text).toMatch(/mel band 23 · \d+ Hz, frame t\+1 \(1\)/);
    await page.mouse.move(0, 0);
    await screenshot(page, '41-microscope-conv0-edge');
  });

  it('play slides the cell along time with the output covered after it, and stops', async () => {
    const { page } = app;
    const start = await pinnedCell(page);
    await page.locator(`${PANEL} button.play`).click();
    await expect
      .poll(() => page.locator('.pane[data-kind="layer"] .pane-mark[data-mark="cover"]').count())
      .toBe(1);
    await expect
      .poll(async () => Number(await page.locator(PANEL).getAttribute('data-frame')), { timeout: 30_000 })
      .toBeGreaterThan(start.frame + 3);
    await page.locator(`${PANEL} button.play`).click();
    await expect.poll(() => page.locator(`${PANEL} button.play`).getAttribute('aria-pressed')).toBe('false');
    const stopped = await pinnedCell(page);
    const T = run.mel.nFrames;
    const conv0 = run.processed.activations.find((a) => a.layer === 0)!;
    expectClose([stopped.value], [conv0.data[stopped.channel * T + stopped.frame]!], {
      atol: 1e-5,
      label: 'after play',
    });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`${PANEL}[data-layer]`).count()).toBe(0);
  });

  it('reads well at 1280×800 too', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('.side-tabs button[data-tab="weights"]').click();
    await page.locator('button.layer[data-layer="2"]').click();
    await waitIdle(page);
    await page.locator('.side-tabs button[data-tab="microscope"]').click();
    await clickPane(page, 'layer', 0.3, 0.6);
    const cell = await pinnedCell(page);
    expect(cell.layer).toBe(2);
    await page.locator('.pane[data-kind="window"] .pane-mark[data-mark="window"]').waitFor();
    await page.locator('.pane[data-kind="window"] canvas.pane-plot[data-drawn]').waitFor();
    await hoverMatrix(page, 'products', 200, 2);
    // The matrices and the chain down to the pane's value are on screen without scrolling the
    // side panel (the receptive field table may need it), and so is every pane.
    const value = (await page.locator(`${PANEL} tr[data-step="pane"]`).boundingBox())!;
    const status = (await page.locator('.status-bar').boundingBox())!;
    expect(value.y + value.height).toBeLessThanOrEqual(status.y);
    const stack = (await page.locator('.pane-stack').boundingBox())!;
    expect(stack.y + stack.height).toBeLessThanOrEqual(status.y);
    await screenshot(page, '42-microscope-1280');
    expect(app.errors).toEqual([]);
  });

  it('the filter gallery sorts conv 2’s 512 filters by L2 norm, as computed in Node', async () => {
    const { page } = app;
    await page.locator('.side-tabs button[data-tab="tensors"]').click();
    await page.locator('.tensors select[aria-label="layer"]').selectOption('2');
    const gallery = page.locator('.filter-gallery[data-layer="2"][data-order="norm-desc"]');
    await gallery.waitFor({ timeout: 60_000 });
    const weight = run.stack.layers[2]!.weight;
    const norms = Array.from({ length: 512 }, (_, o) => {
      let sum = 0;
      for (let i = o * 2560; i < (o + 1) * 2560; i++) sum += weight[i]! * weight[i]!;
      return Math.sqrt(sum);
    });
    const expected = norms.map((norm, o) => ({ norm, o })).sort((a, b) => b.norm - a.norm || a.o - b.o);
    const tiles = gallery.locator('.filter-tile');
    expect(await tiles.count()).toBe(96);
    const shown = await tiles.evaluateAll((nodes) =>
      nodes.slice(0, 8).map((node) => ({ o: Number(node.dataset.channel), norm: Number(node.dataset.norm) })),
    );
    expect(shown.map((tile) => tile.o)).toEqual(expected.slice(0, 8).map((tile) => tile.o));
    expectClose(
      shown.map((tile) => tile.norm),
      expected.slice(0, 8).map((tile) => tile.norm),
      { rtol: 1e-6, label: 'L2 norms' },
    );
    await page.locator('.tensors select[aria-label="order"]').selectOption('norm-asc');
    const first = page.locator('.filter-gallery[data-order="norm-asc"] .filter-tile').first();
    expect(Number(await first.getAttribute('data-channel'))).toBe(expected[511]!.o);
    await screenshot(page, '43-filters-and-tensors');
    // Clicking a filter pins that channel of the layer in the microscope.
    await first.click();
    const cell = await pinnedCell(page);
    expect([cell.layer, cell.channel]).toEqual([2, expected[511]!.o]);
  });

  it('every tensor has its statistics, and one exports as .npy equal to the weights', async () => {
    const { page } = app;
    await page.locator('.side-tabs button[data-tab="tensors"]').click();
    const rows = page.locator('.tensor-stats .tensor');
    await rows.first().waitFor({ timeout: 60_000 });
    const tensors = defaultWeights().tensors;
    expect(await rows.count()).toBe(tensors.size);
    const key = [...tensors.keys()].find(
      (name) => name.endsWith('weight') && tensors.get(name)!.shape.length === 3,
    )!;
    const tensor = tensors.get(key)!;
    const row = page.locator(`.tensor-stats .tensor[data-key="${key}"]`);
    const numbers = row.locator('.tensor-numbers');
    const data = Array.from(tensor.data as ArrayLike<number>);
    expectClose(
      [Number(await numbers.getAttribute('data-min')), Number(await numbers.getAttribute('data-max'))],
      [data.reduce((a, b) => Math.min(a, b)), data.reduce((a, b) => Math.max(a, b))],
      { atol: 0, label: `${key} min and max` },
    );
    const [file] = await captureDownloads(page, 2, () => row.locator('button', { hasText: '.npy' }).click());
    expect(file!.name).toBe(`${key}.npy`);
    const parsed = parseNpy(new Uint8Array(file!.bytes), file!.name);
    expect(parsed.shape).toEqual(tensor.shape);
    expectClose(Array.from(parsed.data as ArrayLike<number>), data, { atol: 0, label: 'exported tensor' });
    expect(app.errors).toEqual([]);
  });

  it('over characters: the encoder’s panes over the default text, a pinned cell equal to the run in Node', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('.side-tabs button[data-tab="microscope"]').click();
    await page.locator('.microscope-mode button[data-mode="text"]').click();
    const conv1 = page.locator('.text-pane[data-key="conv 1"] .text-plot');
    await conv1.waitFor({ timeout: 60_000 });
    const defaults = defaultWeights();
    const model = textModelOf(defaults.tensors, defaults.summary.name);
    const expected = await runText(model, DEFAULT_TEXT, 'english');
    expect(await page.locator('.text-facts').getAttribute('data-ids')).toBe(expected.ids.join(','));
    expect(await page.locator('.text-pane').count()).toBe(1 + expected.outputs.length);
    const n = expected.ids.length;
    const box = (await conv1.boundingBox())!;
    const char = 6;
    const row = 300;
    await page.mouse.click(
      box.x + ((char + 0.5) / n) * box.width,
      box.y + ((511 - row + 0.5) / 512) * box.height,
    );
    const cell = await pinnedCell(page);
    expect([cell.layer, cell.frame]).toEqual([1, char]);
    // 512 channels in a pane ~120 px high: a pixel row holds a few channels.
    expect(Math.abs(cell.channel - row)).toBeLessThanOrEqual(Math.ceil(512 / box.height) + 1);
    const o = cell.channel;
    expectClose([cell.value], [expected.outputs[1]!.data[o * n + char]!], {
      atol: 1e-5,
      label: 'encoder conv 1',
    });
    expect(await page.locator(`${PANEL} [data-agrees="true"]`).count()).toBe(1);
    const title = (await page.locator(`${PANEL} .microscope-title`).textContent()) ?? '';
    expect(title).toContain(`encoder conv 1 · channel ${o} · char ${char}`);
    const window = await hoverMatrix(page, 'window', 10, 2);
    expect(window.text).toContain(
      `channel 10 of conv 0's output, char t (${char} '${charLabel(expected.symbols[char]!)}')`,
    );
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator(PANEL).getAttribute('data-frame')).toBe(String(char + 1));
    await pinnedCell(page);
    await page.mouse.move(0, 0);
    await screenshot(page, '44-microscope-text');
    expect(app.errors).toEqual([]);
  });
});
