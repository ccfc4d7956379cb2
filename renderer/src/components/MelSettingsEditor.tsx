import { useState } from 'react';
import type { FormEvent } from 'react';
import type { MelConfig } from '../../../shared/mel/config';
import {
  EDITOR_PRESETS,
  isMelPresetName,
  MEL_SETTING_FIELDS,
  melSettingsDraft,
  presetDraft,
  resolveMelSettings,
  shownFMax,
  type MelSettingField,
} from '../app/mel-settings';

interface Props {
  /** The window's settings now (or the `.npy`'s): where the fields start. */
  config: MelConfig;
  /** The band count the settings must keep: an `.npy` input's own (n_mels is then read-only). */
  fixedBands?: number | undefined;
  busy: boolean;
  /** Valid settings to use (the caller re-analyses the open WAV with them). */
  onApply: (config: MelConfig) => void;
  onClose: () => void;
}

/**
 * Sample rate, n_fft, win, hop, n_mels, fmin and fmax (or None: sample rate / 2), starting from a
 * preset. Apply checks them with `resolveMelConfig` and shows what is wrong beside the form (the
 * field is marked); only valid settings reach `onApply`.
 */
export function MelSettingsEditor({ config, fixedBands, busy, onApply, onClose }: Props) {
  const [draft, setDraft] = useState(() => melSettingsDraft(config));
  const [problem, setProblem] = useState<{ field: MelSettingField | null; message: string } | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = resolveMelSettings(draft, fixedBands);
    if (!result.ok) {
      setProblem({ field: result.field, message: result.message });
      return;
    }
    setProblem(null);
    onApply(result.config);
    onClose();
  };
  const setValue = (field: MelSettingField, value: string) =>
    setDraft((current) => ({ ...current, values: { ...current.values, [field]: value } }));
  return (
    <form className="mel-settings" aria-label="Mel settings" onSubmit={onSubmit}>
      <label className="mel-settings-preset">
        start from{' '}
        <select
          aria-label="Start from preset"
          value={draft.preset}
          onChange={(event) => {
            const preset = event.target.value;
            if (!isMelPresetName(preset)) return;
            setDraft(presetDraft(preset, fixedBands));
            setProblem(null);
          }}
        >
          {EDITOR_PRESETS.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      <div className="mel-settings-fields">
        {MEL_SETTING_FIELDS.map(({ field, label, unit }) => {
          const fixed =
            (field === 'nMels' && fixedBands !== undefined) || (field === 'fMaxHz' && draft.fMaxNyquist);
          return (
            <label key={field}>
              <span>{label}</span>
              <input
                type="text"
                inputMode="decimal"
                name={field}
                aria-label={label}
                aria-invalid={problem?.field === field ? true : undefined}
                readOnly={fixed}
                title={
                  field === 'nMels' && fixedBands !== undefined
                    ? `the .npy holds ${fixedBands} mel bands: its n_mels is its own`
                    : undefined
                }
                value={field === 'fMaxHz' ? shownFMax(draft) : draft.values[field]}
                onChange={(event) => setValue(field, event.target.value)}
              />
              <span className="muted">{unit}</span>
            </label>
          );
        })}
      </div>
      <label
        className="mel-settings-nyquist"
        title="fmax = sample rate / 2, whatever the rate: TacotronSTFT(mel_fmax=None), --fmax none on the command line"
      >
        <input
          type="checkbox"
          name="fMaxNyquist"
          checked={draft.fMaxNyquist}
          onChange={(event) => {
            const fMaxNyquist = event.target.checked;
            // Unticked, the field keeps the value it showed (sample rate / 2) to edit from.
            setDraft((current) => ({
              ...current,
              fMaxNyquist,
              values: fMaxNyquist ? current.values : { ...current.values, fMaxHz: shownFMax(current) },
            }));
          }}
        />
        fmax None (sample rate / 2)
      </label>
      <p className="mel-settings-problem" data-testid="mel-settings-problem" aria-live="polite">
        {problem?.message ?? ''}
      </p>
      <div className="panel-actions">
        <button
          type="submit"
          disabled={busy}
          title={
            fixedBands === undefined
              ? 'Re-analyse the WAV with these settings and process it'
              : 'Read the .npy with these settings: its time axis and its exports’ sidecars follow, its numbers stay'
          }
        >
          Apply
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
