import type { StackRole } from '../../../shared/model/types';
import type { StackChoice } from '../app/weights-view';

interface Props {
  choices: readonly StackChoice[];
  busy: boolean;
  /** Builds that stack from the same file (the host keeps its bytes: nothing is picked again). */
  onChoose: (role: StackRole) => void;
}

/**
 * The stacks a file holds (a full Tacotron 2: its post-net and its encoder convolutions), one to
 * build: the post-net by default. Choosing another rebuilds the model from the same file.
 */
export function StackChooser({ choices, busy, onChoose }: Props) {
  if (choices.length === 0) return null;
  return (
    <fieldset className="stack-chooser" data-testid="stack-chooser">
      <legend>This file holds {choices.length} stacks: build</legend>
      {choices.map((choice) => (
        <label key={choice.role} className={choice.chosen ? 'stack-choice chosen' : 'stack-choice'}>
          <input
            type="radio"
            name="stack"
            value={choice.role}
            checked={choice.chosen}
            disabled={busy}
            onChange={() => onChoose(choice.role)}
          />
          <span className="stack-label">{choice.label}</span>
          <span className="stack-detail">{choice.detail}</span>
        </label>
      ))}
    </fieldset>
  );
}
