import { Fragment } from 'react';
import { keyParts } from '../app/weights-text';

/**
 * A state_dict key that wraps only after its dots (`postnet.convolutions.0.` / `0.conv.weight`),
 * never inside a name: each name is kept whole and a line break may follow each dot.
 */
export function StateDictKey({ name }: { name: string }) {
  const parts = keyParts(name);
  return (
    <span className="state-dict-key">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </span>
  );
}
