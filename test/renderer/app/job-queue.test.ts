import { describe, expect, it } from 'vitest';
import { CancelledError, WavFormatError } from '../../../shared/errors';
import { createJobQueue } from '../../../renderer/src/app/job-queue';
import type { WorkspaceAction } from '../../../renderer/src/state/workspace';

function queue() {
  const actions: WorkspaceAction[] = [];
  return { actions, jobs: createJobQueue((action) => void actions.push(action)) };
}

describe('job queue', () => {
  it('runs jobs one at a time in the order asked, each with the job bar shown and hidden', async () => {
    const { actions, jobs } = queue();
    const order: string[] = [];
    let release = (): void => undefined;
    const first = jobs.runJob('open', 'Opening a.wav', async () => {
      order.push('a starts');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('a ends');
    });
    const second = jobs.runJob('export', 'Exporting NPY', async () => void order.push('b'));
    await Promise.resolve();
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['a starts', 'a ends', 'b']);
    expect(actions.map((a) => a.type)).toEqual([
      'job-started',
      'job-finished',
      'job-started',
      'job-finished',
    ]);
    expect(actions[0]).toEqual({ type: 'job-started', kind: 'open', label: 'Opening a.wav' });
  });

  it('a failure is shown with its action and name, a cancel as a notice; neither stops the next job', async () => {
    const { actions, jobs } = queue();
    await jobs.runJob('open', 'Opening bad.wav', async () => {
      throw new WavFormatError('bad.wav: not a RIFF file');
    });
    await jobs.runJob('process', 'Processing', async () => {
      throw new CancelledError();
    });
    let ran = false;
    await jobs.runJob('export', 'Exporting', async () => void (ran = true));
    expect(actions).toContainEqual({
      type: 'failed',
      error: {
        action: 'Opening bad.wav',
        name: 'WavFormatError',
        message: expect.stringContaining('not a RIFF file'),
      },
    });
    expect(actions).toContainEqual({ type: 'notice', text: 'Processing: cancelled' });
    expect(ran).toBe(true);
  });
});
