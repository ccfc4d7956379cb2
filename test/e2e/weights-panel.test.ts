/**
 * The weights panel with what researchers really load: a whole multi-GPU checkpoint converted to
 * `.npz` (`module.` keys, encoder and embedding beside the post-net). Long keys in the warnings must
 * stay inside the panel and break only between names, and the counts must say which tensors the
 * parameters are in, the BatchNorm buffers apart.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeNpy } from '../../shared/formats/npy';
import { defaultWeights } from '../../shared/weights/load';
import { screenshot } from './helpers/artifacts';
import { dropFiles, launchOnSample, paneHeader, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';
import { fullCheckpointNpz, smallPostnetNpz } from './helpers/weights-npz';

/** An explicit layer JSON (docs/weights.md): Conv1d(80, 8, k=5, bias=False) → tanh → Conv1d(8, 80, k=5), residual. */
function biasFreeStackJson(): Uint8Array {
  const weight = (out: number, inChannels: number) =>
    Array.from({ length: out }, (_, o) =>
      Array.from({ length: inChannels }, (_, c) =>
        Array.from({ length: 5 }, (_, k) => ((o + c + k) % 7) / 700),
      ),
    );
  const stack = {
    format: 'postnet-studio.conv1d-stack',
    residual: true,
    layers: [
      { padding: 2, activation: 'tanh', weight: weight(8, 80), bias: null },
      { padding: 2, weight: weight(80, 8), bias: new Array(80).fill(0) },
    ],
  };
  return new TextEncoder().encode(JSON.stringify(stack));
}

describe('weights panel with a whole converted checkpoint', () => {
  let app: App;

  beforeAll(async () => {
    app = await launchOnSample(inject('baseUrl'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('long unused-key warnings wrap inside the side panel (nothing cut off at its edge)', async () => {
    const { page } = app;
    await dropFiles(page, [{ name: 'checkpoint_module.npz', bytes: fullCheckpointNpz() }], '.weights-panel');
    await waitIdle(page);
    await expect.poll(() => page.getByTestId('weights-name').textContent()).toBe('checkpoint_module.npz');
    const warnings = page.getByTestId('weights-warnings');
    await expect
      .poll(() => warnings.textContent())
      .toContain("'module.encoder.convolutions.0.0.conv.weight'");
    const overflow = await page.evaluate(() => {
      const panel = document.querySelector('.weights-panel') as HTMLElement;
      const panelRight = panel.getBoundingClientRect().right;
      const items = [...document.querySelectorAll('[data-testid="weights-warnings"] li')];
      return {
        panel: panel.scrollWidth - panel.clientWidth,
        items: items.map((item) => Math.round(item.getBoundingClientRect().right - panelRight)),
        itemScroll: items.map((item) => item.scrollWidth - item.clientWidth),
      };
    });
    expect(overflow.panel, 'the side panel scrolls sideways').toBeLessThanOrEqual(0);
    for (const excess of overflow.itemScroll)
      expect(excess, 'a warning wider than its box').toBeLessThanOrEqual(0);
    for (const right of overflow.items) expect(right, 'a warning past the panel edge').toBeLessThanOrEqual(0);
    await screenshot(page, 'weights-panel-checkpoint');
  });

  it('state_dict keys break only after a dot and print(model) lines only at spaces: never inside a name', async () => {
    const { page } = app;
    await page.locator('.tensor-table summary').click();
    const broken = await page.evaluate(() => {
      const found: string[] = [];
      // A name (a text node between two <wbr>s) laid out on two lines has two client rects.
      for (const key of document.querySelectorAll('.weights-panel .state-dict-key')) {
        for (const node of key.childNodes) {
          if (node.nodeType !== Node.TEXT_NODE) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          if (range.getClientRects().length > 1)
            found.push(`key part '${node.textContent}' of ${key.textContent}`);
        }
      }
      for (const line of document.querySelectorAll('.module-line')) {
        const text = line.textContent ?? '';
        const node = line.firstChild;
        if (!node) continue;
        let start = 0;
        for (const word of text.split(' ')) {
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + word.length);
          if (word.length > 0 && range.getClientRects().length > 1) found.push(`print(model) word '${word}'`);
          start += word.length + 1;
        }
      }
      return found;
    });
    expect(broken).toEqual([]);
    expect(await page.locator('.tensor-table .state-dict-key').count()).toBe(65);
    await page.locator('.tensor-table tfoot').scrollIntoViewIfNeeded();
    await screenshot(page, 'weights-panel-keys');
    await page.locator('.tensor-table summary').click();
  });

  it('counts the parameters of the 35 post-net tensors apart from the buffers and the 30 unused of the file’s 65', async () => {
    const { page } = app;
    const total = (await page.locator('.weights-total').textContent()) ?? '';
    expect(total).toBe(
      '4,348,144 parameters + 15 buffers · 30 of the file’s 65 tensors not used · residual: output = input + stack(input)',
    );
    expect(await page.getByTestId('total-parameters').textContent()).toContain('4,348,144');
    expect(await page.getByTestId('total-buffers').textContent()).toContain('4,261');
    const table = (await page.locator('.tensor-table summary').textContent()) ?? '';
    expect(table).toBe('state_dict (65 tensors, 35 used)');
  });

  it('fails clearly when nothing beyond the stack is in the file: no "of the file’s" wording', async () => {
    const { page } = app;
    await dropFiles(page, [{ name: 'small.npz', bytes: smallPostnetNpz() }], '.weights-panel');
    await waitIdle(page);
    await expect.poll(() => page.getByTestId('weights-name').textContent()).toBe('small.npz');
    expect(await page.getByTestId('weights-warnings').count()).toBe(0);
    const total = (await page.locator('.weights-total').textContent()) ?? '';
    expect(total).toMatch(/^[\d,]+ parameters \+ 4 buffers · residual/);
    expect(total).not.toContain('of the file');
    expect(await page.locator('.tensor-table summary').textContent()).toBe('state_dict (12 tensors)');
    expect(app.errors).toEqual([]);
  });

  it('Folder… with a folder of 35 .npy calls the weights by the folder’s name (panel and pane header)', async () => {
    const { page } = app;
    const parent = await mkdtemp(join(tmpdir(), 'postnet-e2e-folder-'));
    const folder = join(parent, 'tacotron2_npy');
    try {
      await mkdir(folder);
      for (const [key, tensor] of defaultWeights().tensors)
        await writeFile(join(folder, `${key}.npy`), encodeNpy(tensor));
      await writeFile(join(folder, 'README.md'), 'converted with np.save');
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Folder…' }).click(),
      ]);
      await chooser.setFiles(folder);
      await expect.poll(() => page.getByTestId('weights-name').textContent()).toBe('tacotron2_npy');
      await waitIdle(page);
      expect(await paneHeader(page, 'output')).toContain('tacotron2_npy');
      expect(await page.locator('.weights-total').textContent()).toContain(
        '4,348,144 parameters + 15 buffers',
      );
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('Open… (the O key’s chooser) with an .npz loads it as weights, as a drop does', async () => {
    const { page } = app;
    const parent = await mkdtemp(join(tmpdir(), 'postnet-e2e-open-'));
    try {
      const path = join(parent, 'opened_weights.npz');
      await writeFile(path, smallPostnetNpz());
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Open…' }).click(),
      ]);
      await chooser.setFiles(path);
      await expect.poll(() => page.getByTestId('weights-name').textContent()).toBe('opened_weights.npz');
      await waitIdle(page);
      expect(await page.locator('[role="alert"]').count()).toBe(0);
      expect(await paneHeader(page, 'output')).toContain('opened_weights.npz');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('a bias=False layer’s card says it has no bias and leaves bias[o] out of the formula', async () => {
    const { page } = app;
    await dropFiles(page, [{ name: 'no_bias.json', bytes: biasFreeStackJson() }], '.weights-panel');
    await expect.poll(() => page.getByTestId('weights-name').textContent()).toBe('no_bias.json');
    await waitIdle(page);
    await page.locator('button.layer[data-layer="0"]').click();
    await waitIdle(page);
    const card = (await page.locator('.conv-card').textContent()) ?? '';
    expect(card).toContain('bias=False)');
    expect(card).toContain('[8, 80, 5] = 3,200 numbers (no bias: bias=False)');
    expect(card).toContain('out[o, t] = Σ_c Σ_k weight[o, c, k] · x[c, t + k − 2]');
    expect(card).not.toContain('bias[');
    await page.locator('button.layer[data-layer="1"]').click();
    await waitIdle(page);
    expect(await page.locator('.conv-card').textContent()).toContain('numbers (+ 80 biases)');
    await page.keyboard.press('l');
  });

  it('fails clearly when such weights do not fit: the long error stays inside the window', async () => {
    const { page } = app;
    const before = await page.getByTestId('weights-name').textContent();
    const long = 'a_checkpoint_converted_from_a_multi_gpu_run_with_a_very_long_name_and_no_spaces_at_all.npz';
    await dropFiles(page, [{ name: long, bytes: smallPostnetNpz(64) }], '.weights-panel');
    const toast = page.locator('[role="alert"]');
    await expect.poll(() => toast.textContent()).toContain('ShapeMismatchError');
    const box = (await toast.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    await screenshot(page, 'weights-panel-long-error');
    const scroll = await toast.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(scroll, 'the error message is cut off').toBeLessThanOrEqual(0);
    const dismiss = (await page.getByRole('button', { name: 'Dismiss error' }).boundingBox())!;
    expect(dismiss.x + dismiss.width, 'the × is inside the toast').toBeLessThanOrEqual(box.x + box.width);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('weights-name').textContent()).toBe(before);
  });
});
