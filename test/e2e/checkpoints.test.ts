/**
 * A PyTorch checkpoint dropped on the window as NVIDIA's train.py writes it (`checkpoint_1000`, no
 * extension, a torch.save zip of {iteration, state_dict, learning_rate}) loads as the post-net, with
 * the entries that are not weights listed; a pickle that would run code is refused in the window too.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultWeights } from '../../shared/weights/load';
import { readFixture } from '../helpers/fixtures';
import { checkpointPickle, craftedFromTensors, torchZip } from '../helpers/pickle-writer';
import { screenshot } from './helpers/artifacts';
import { dropFiles, launchOnSample, paneHeader, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';

/** The default (80-band) post-net as a train.py checkpoint. */
function trainPyCheckpoint(): Uint8Array {
  const { tensors, records } = craftedFromTensors(defaultWeights().tensors);
  const pickle = checkpointPickle(tensors, 'state_dict', { iteration: 1000, learning_rate: 0.001 });
  return torchZip(pickle, records, 'checkpoint_1000');
}

describe('a PyTorch checkpoint dropped on the window', () => {
  let app: App;

  beforeAll(async () => {
    app = await launchOnSample(inject('baseUrl'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('checkpoint_1000 (torch.save, no extension) loads as the post-net and says what it ignored', async () => {
    const { page } = app;
    await dropFiles(page, [{ name: 'checkpoint_1000', bytes: trainPyCheckpoint() }], '.weights-panel');
    await waitIdle(page);
    await expect.poll(() => page.getByTestId('weights-name').textContent()).toBe('checkpoint_1000');
    expect(await page.getByTestId('module-text').textContent()).toMatch(/^Postnet\(/);
    await expect
      .poll(() => page.getByTestId('ignored-entries').locator('li').allTextContents())
      .toEqual(["'iteration' = 1000", "'learning_rate' = 0.001"]);
    expect(await page.getByTestId('weights-files').textContent()).toContain(
      "under 'state_dict' (a training checkpoint)",
    );
    expect(await paneHeader(page, 'output')).toContain('checkpoint_1000');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await screenshot(page, 'checkpoint-dropped');
    expect(app.errors).toEqual([]);
  });

  it('fails clearly on a checkpoint whose pickle would run os.system: refused, naming the global', async () => {
    const { page } = app;
    const before = await page.getByTestId('weights-name').textContent();
    const evil = readFixture('checkpoints', 'evil_os_system.pt');
    await dropFiles(page, [{ name: 'evil_os_system.pt', bytes: evil }], '.weights-panel');
    const toast = page.locator('[role="alert"]');
    await expect.poll(() => toast.textContent()).toContain('UnsafePickleError');
    expect(await toast.textContent()).toMatch(/the Python global '(posix|os)\.system'/);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('weights-name').textContent()).toBe(before);
  });
});
