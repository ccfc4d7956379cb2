import { describe, expect, it } from 'vitest';
import { createClipCache } from '../../../renderer/src/app/clip-cache';
import { changeText, demoBadges, demoErrors, formatMse } from '../../../renderer/src/app/demo';
import { clipRequest, listenChoices, type ListenContext } from '../../../renderer/src/app/listen';
import type { InputDocument } from '../../../shared/api/contract';
import { syntheticInput, syntheticResult, syntheticWeights } from '../fakes';

const wavInput = (id: string): InputDocument => ({
  ...syntheticInput(id, 20),
  audio: { encoding: 'PCM 16-bit', sampleRateHz: 22050, nChannels: 1, nSamples: 5000, durationS: 0.227 },
});

describe('what can be heard', () => {
  const input = wavInput('speech');
  const weights = syntheticWeights('w1');

  it('outside the demo: WAV, input and output; the output only once it is there, the WAV only for a WAV', () => {
    const context: ListenContext = { input, clean: null, weights, hasOutput: false };
    expect(listenChoices(context).map((c) => [c.label, c.available])).toEqual([
      ['WAV', true],
      ['input', true],
      ['output', false],
    ]);
    const npy = { ...input, audio: null };
    expect(listenChoices({ ...context, input: npy, hasOutput: true })[0]!.available).toBe(false);
    expect(clipRequest('wav', { ...context, input: npy }, 60)).toBeNull();
    expect(clipRequest('output', context, 60)).toBeNull();
  });

  it('in the demo: WAV (the clean input’s), clean, smoothed and output, keyed by revision, weights and iterations', () => {
    const clean = wavInput('speech');
    const smoothed = { ...syntheticInput('speech-s', 20), audio: clean.audio };
    const context: ListenContext = { input: smoothed, clean, weights, hasOutput: true };
    expect(listenChoices(context).map((c) => c.label)).toEqual(['WAV', 'clean', 'smoothed', 'output']);
    expect(clipRequest('wav', context, 60)).toMatchObject({
      kind: 'wav',
      key: `wav/speech@${clean.revision}`,
      inputId: 'speech',
    });
    expect(clipRequest('clean', context, 60)).toMatchObject({
      key: `gl/speech@${clean.revision}/input/60`,
      request: { inputId: 'speech', mel: 'input', iterations: 60 },
    });
    expect(clipRequest('input', context, 32)).toMatchObject({
      key: `gl/speech-s@${smoothed.revision}/input/32`,
      request: { inputId: 'speech-s', mel: 'input', iterations: 32 },
    });
    expect(clipRequest('output', context, 32)).toMatchObject({
      key: `gl/speech-s@${smoothed.revision}/output/w1/32`,
      request: { inputId: 'speech-s', mel: 'output', weightsId: 'w1', iterations: 32 },
    });
  });
});

describe('clip cache', () => {
  const clip = (n: number) => ({ sampleRateHz: 100, samples: new Float32Array(n) });

  it('lets the least recently used go past its budget, never the newest', () => {
    const cache = createClipCache(1000);
    cache.put('a', clip(100)); // 400 bytes
    cache.put('b', clip(100));
    cache.get('a'); // a is now the most recent
    cache.put('c', clip(100));
    expect(cache.keys()).toEqual(['a', 'c']);
    expect(cache.bytes()).toBe(800);
    cache.put('huge', clip(1000));
    expect(cache.keys()).toEqual(['huge']);
    expect(cache.has('a')).toBe(false);
  });
});

describe('demo errors', () => {
  it('masked MSE of the smoothed mel and the output to the clean one, with the change in words', () => {
    const clean = syntheticInput('clean', 10);
    const smoothed = { ...syntheticInput('smoothed', 10) };
    smoothed.mel = { ...smoothed.mel, data: clean.mel.data.map((v) => v + 0.5) };
    const result = { ...syntheticResult(smoothed, 'w'), output: clean.mel.data.map((v) => v + 0.1) };
    const errors = demoErrors(clean, smoothed, result)!;
    expect(errors.smoothed).toBeCloseTo(0.25, 6);
    expect(errors.output).toBeCloseTo(0.01, 6);
    expect(changeText(errors.smoothed, errors.output!)).toBe('96 % lower than smoothed');
    expect(changeText(0.1, 0.2)).toBe('100 % higher than smoothed');
    expect(formatMse(0.054461)).toBe('0.05446');
    expect(demoErrors(clean, smoothed, null)!.output).toBeNull();
    expect(demoBadges(null).output).toBe('MSE to clean: …');
  });
});
