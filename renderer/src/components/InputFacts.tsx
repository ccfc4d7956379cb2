import { useMemo } from 'react';
import type { InputDocument } from '../../../shared/api/contract';
import type { MelConfig } from '../../../shared/mel/config';
import { inputFacts } from '../app/input-facts';

interface Props {
  input: InputDocument;
  presets: Readonly<Record<string, MelConfig>>;
  busy: boolean;
  onPreset: (config: MelConfig) => void;
}

/** The open input's audio facts, mel configuration (switchable for WAVs) and array orientation. */
export function InputFacts({ input, presets, busy, onPreset }: Props) {
  const current = input.mel.config.preset;
  // The value checks read every value: once per input, not on every render.
  const facts = useMemo(() => inputFacts(input), [input]);
  return (
    <section className="input-facts" aria-label="input">
      <div className="panel-title">
        <h2>Input</h2>
        <label className="muted">
          mel{' '}
          <select
            aria-label="Mel preset"
            value={current}
            disabled={busy || !input.audio}
            title={
              input.audio
                ? 'Re-analyse the WAV with another preset'
                : 'An .npy spectrogram keeps its own settings'
            }
            onChange={(event) => {
              const config = presets[event.target.value];
              if (config) onPreset(config);
            }}
          >
            {Object.keys(presets).map((name) => (
              <option key={name}>{name}</option>
            ))}
            {current in presets ? null : <option>{current}</option>}
          </select>
        </label>
      </div>
      <p className="weights-name">{input.name}</p>
      <dl>
        {facts.map((fact, index) => (
          <div key={`${fact.label}-${index}`} className={fact.warning ? 'fact-warning' : undefined}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
