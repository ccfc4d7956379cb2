import { useDeferredValue, useMemo, useState } from 'react';
import type { InputDocument } from '../../../shared/api/contract';
import type { MelConfig } from '../../../shared/mel/config';
import { inputFacts, npySettingsHint } from '../app/input-facts';
import { presetForInput } from '../app/mel-settings';
import { DECODER_SMOOTHING_LABEL } from '../../../shared/demo/smoothing';
import { MelSettingsEditor } from './MelSettingsEditor';

interface Props {
  input: InputDocument;
  presets: Readonly<Record<string, MelConfig>>;
  /** The window's mel settings (what the next file is opened with). */
  melConfig: MelConfig;
  busy: boolean;
  /** A preset, or settings from Mel settings…: re-analyse the WAV with them, or relabel the `.npy`. */
  onMelConfig: (config: MelConfig) => void;
  /** "Simulate decoder smoothing" is on (the demo). */
  demo: boolean;
  onDemo: (on: boolean) => void;
}

/**
 * The open input's audio facts, mel configuration (a preset, or Mel settings… for any field) and
 * array orientation. An `.npy` carries no settings: they are said to be assumed (or from its
 * sidecar), and setting them relabels it (the time axis, the exports' sidecars), its bands fixed.
 */
export function InputFacts({ input, presets, melConfig, busy, onMelConfig, demo, onDemo }: Props) {
  const current = input.mel.config.preset;
  const [editing, setEditing] = useState(false);
  // The value checks read every value (4 M for ten minutes): once per input, not on every render,
  // and in a render of their own after the new input is on screen (a deferred value), not in the
  // task that draws it.
  const deferredInput = useDeferredValue(input);
  const facts = useMemo(() => inputFacts(deferredInput), [deferredInput]);
  const hint = npySettingsHint(input);
  const fixedBands = input.audio ? undefined : input.mel.nMels;
  return (
    <section className="input-facts" aria-label="input">
      <div className="panel-title">
        <h2>Input</h2>
        <button
          type="button"
          className="mel-settings-toggle"
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
          title="Sample rate, n_fft, win, hop, n_mels, fmin, fmax (e.g. 64 bands for a 64-band model)"
        >
          Mel settings…
        </button>
        <label className="muted">
          mel{' '}
          <select
            aria-label="Mel preset"
            value={current}
            disabled={busy}
            title={
              input.audio
                ? 'Re-analyse the WAV with another preset'
                : 'Read the .npy with another preset’s settings (its numbers and bands stay)'
            }
            onChange={(event) => {
              const config = presets[event.target.value];
              if (config) onMelConfig(presetForInput(config, fixedBands));
            }}
          >
            {Object.keys(presets).map((name) => (
              <option key={name}>{name}</option>
            ))}
            {current in presets ? null : <option>{current}</option>}
          </select>
        </label>
      </div>
      {editing && (
        <MelSettingsEditor
          config={input.audio ? melConfig : input.mel.config}
          fixedBands={fixedBands}
          busy={busy}
          onApply={onMelConfig}
          onClose={() => setEditing(false)}
        />
      )}
      <div className="input-name-row">
        <p className="weights-name">{input.name}</p>
        <label
          className="demo-toggle"
          title={`Blur the mel as a Tacotron 2 decoder's predictions are over-smoothed (${DECODER_SMOOTHING_LABEL}); the post-net reads the smoothed mel, and the panes show clean, smoothed, output and residual with each one's error to the clean mel`}
        >
          <input
            type="checkbox"
            checked={demo}
            disabled={busy}
            data-testid="demo-toggle"
            onChange={(event) => onDemo(event.target.checked)}
          />{' '}
          Simulate decoder smoothing
        </label>
      </div>
      <dl>
        {facts.map((fact, index) => (
          <div
            key={`${fact.label}-${index}`}
            className={fact.warning ? 'fact-warning' : undefined}
            data-fact={fact.label}
          >
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {hint && (
        <p className="npy-settings-hint" data-testid="npy-settings-hint">
          {hint}
        </p>
      )}
    </section>
  );
}
