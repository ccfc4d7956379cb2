import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StatusBar } from '../../../renderer/src/components/StatusBar';

const render = (job: Parameters<typeof StatusBar>[0]['job'], notice: string | null = null) =>
  renderToStaticMarkup(createElement(StatusBar, { job, notice, onCancel: () => undefined }));

describe('status bar', () => {
  it('a running job’s progress bar is named by the job', () => {
    const html = render({ kind: 'open', label: 'Opening speech.wav', step: 'mel', fraction: 0.25 });
    expect(html).toMatch(/<progress[^>]*aria-label="Opening speech.wav"/);
    expect(html).toContain('25 %');
  });

  it('fails clearly when no job runs: no progress bar, the notice instead', () => {
    const html = render(null, 'Saved out.npy');
    expect(html).not.toContain('<progress');
    expect(html).toContain('Saved out.npy');
  });
});
