/**
 * Takes tensors out of a TensorMap by key while building a model: checks shapes with messages that
 * name the key and both shapes, and remembers which keys were used so the rest can be reported.
 */
import { ModelBuildError, ShapeMismatchError, formatShape } from '../errors';
import { toFloat32, type Tensor, type TensorMap } from '../tensor';

export class TensorPicker {
  private readonly used = new Set<string>();

  /** Messages name the key, not the file: buildStack puts the file's name in front. */
  constructor(readonly tensors: TensorMap) {}

  has(key: string): boolean {
    return this.tensors.has(key);
  }

  /** The tensor under `key`; ModelBuildError when absent (`why` says what needs it). */
  require(key: string, why: string): Tensor {
    const tensor = this.tensors.get(key);
    if (!tensor) throw new ModelBuildError(`missing key '${key}' (${why})`);
    this.used.add(key);
    return tensor;
  }

  /** Marks a key as consumed without reading it (e.g. `num_batches_tracked`). */
  consume(key: string): void {
    if (this.tensors.has(key)) this.used.add(key);
  }

  /** The values under `key` as float32, after checking the shape is exactly `shape`. */
  float32(key: string, shape: readonly number[], why: string): Float32Array {
    const tensor = this.require(key, why);
    const same = tensor.shape.length === shape.length && tensor.shape.every((d, i) => d === shape[i]);
    if (!same) {
      throw new ShapeMismatchError(
        `'${key}' has shape ${formatShape(tensor.shape)}, expected ${formatShape(shape)} (${why})`,
      );
    }
    return toFloat32(tensor);
  }

  /** Keys never taken, in file order. */
  unused(): string[] {
    return [...this.tensors.keys()].filter((key) => !this.used.has(key));
  }
}
