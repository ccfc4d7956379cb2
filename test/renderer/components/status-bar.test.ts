import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StatusBar } from '../../../renderer/src/components/StatusBar';

const render = (job: Parameters<typeof StatusBar>[0]['job'], notice: string | null = null) =>
  renderToStaticMarkup(
    createElement(StatusBar, {
      job,
      notice,
      onCancel: () => undefined,
      engineUsed: null,
      engine: 'auto',
      onEngine: () => undefined,
    }),
  );

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

  it('says which engine ran the last result, and offers the engine setting', () => {
    const html = renderToStaticMarkup(
      createElement(StatusBar, {
        job: null,
        notice: null,
        onCancel: () => undefined,
        engineUsed: { name: 'wasm-relaxed-simd', kind: 'wasm', workers: 2, note: null },
        engine: 'wasm',
        onEngine: () => undefined,
      }),
    );
    expect(html).toContain('wasm-relaxed-simd × 2 workers');
    expect(html).toMatch(/<select[^>]*aria-label="Engine"/);
    expect(html).toMatch(/<option value="wasm" selected="">Engine: WASM<\/option>/);
  });

  it('fails clearly when the engine asked for could not run: marked as a fallback, the reason on hover', () => {
    const html = renderToStaticMarkup(
      createElement(StatusBar, {
        job: null,
        notice: null,
        onCancel: () => undefined,
        engineUsed: {
          name: 'wasm-simd',
          kind: 'wasm',
          workers: 1,
          note: 'there is no native runtime in this host; the wasm-simd backend runs instead',
        },
        engine: 'native',
        onEngine: () => undefined,
      }),
    );
    expect(html).toContain('wasm-simd (fallback)');
    expect(html).toContain('title="there is no native runtime in this host');
  });
});
