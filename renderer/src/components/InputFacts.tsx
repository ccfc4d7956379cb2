import type { InputDocument } from '../../../shared/api/contract';
import { inputFacts } from '../app/input-facts';

/** The open input's audio facts, mel configuration and array orientation. */
export function InputFacts({ input }: { input: InputDocument }) {
  return (
    <section className="input-facts" aria-label="input">
      <h2>Input</h2>
      <p className="weights-name">{input.name}</p>
      <dl>
        {inputFacts(input).map((fact) => (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
