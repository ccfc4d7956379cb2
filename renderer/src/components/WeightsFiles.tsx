import type { FilesView } from '../app/weights-view';

/**
 * What the weights files are beside their tensors: the format, the layout the stack was recognised
 * in (and the prefix stripped from its keys), where a training checkpoint keeps
 * its state_dict and which of its entries are not weights (optimizer, iteration…), and a
 * safetensors file's `__metadata__`.
 */
export function WeightsFiles({ view }: { view: FilesView }) {
  if (view.format === null) return null;
  const named = view.files.length > 0 && view.format.includes(' files: ');
  return (
    <dl className="weights-files" data-testid="weights-files">
      <div>
        <dt>format</dt>
        <dd data-testid="weights-format">{view.format}</dd>
      </div>
      {view.layout !== null && (
        <div>
          <dt title="how the tensors' keys were recognised">layout</dt>
          <dd data-testid="weights-layout">{view.layout}</dd>
        </div>
      )}
      {view.files.map((file) => (
        <div key={file.name} className="weights-file">
          {named && <p className="weights-file-name">{file.name}</p>}
          {file.stateDictAt && (
            <div>
              <dt>weights</dt>
              <dd>under {file.stateDictAt} (a training checkpoint)</dd>
            </div>
          )}
          {file.ignored.length > 0 && (
            <div>
              <dt>ignored</dt>
              <dd>
                <ul
                  className="ignored-entries"
                  data-testid="ignored-entries"
                  aria-label="entries that are not weights"
                >
                  {file.ignored.map((entry) => (
                    <li key={entry}>{entry}</li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          {file.metadata.length > 0 && (
            <div>
              <dt title="the safetensors header's __metadata__">metadata</dt>
              <dd>
                <table className="weights-metadata" data-testid="weights-metadata">
                  <tbody>
                    {file.metadata.map(([key, value]) => (
                      <tr key={key}>
                        <th scope="row">{key}</th>
                        <td>{value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </dd>
            </div>
          )}
        </div>
      ))}
    </dl>
  );
}
