import { moduleLines } from '../app/weights-text';

/**
 * `print(model)` as PyTorch prints it, one block per line: a line too long for the panel wraps
 * at its spaces (never inside a word such as `kernel_size=(5,),`) and its continuation is
 * indented under the line's own text, so the module tree still reads as a tree.
 */
export function ModuleText({ text }: { text: string }) {
  return (
    <details className="module-text" open>
      <summary>print(model)</summary>
      <div className="module-lines" data-testid="module-text">
        {moduleLines(text).map((line, index) => (
          <div
            key={index}
            className="module-line"
            style={{ paddingLeft: `${line.indent + 2}ch`, textIndent: '-2ch' }}
          >
            {line.text}
          </div>
        ))}
      </div>
    </details>
  );
}
