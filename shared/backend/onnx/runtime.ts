/**
 * What the native backend needs of an ONNX runtime, so shared/ never imports one: the host (the
 * CLI, the Electron worker) adapts onnxruntime-node to this and hands it in.
 */

/** A float32 tensor: data row-major in `dims`. */
export interface RuntimeTensor {
  dims: readonly number[];
  data: Float32Array;
}

export interface RuntimeSession {
  /** Runs the model on `feeds` and returns the named outputs. */
  run(
    feeds: Readonly<Record<string, RuntimeTensor>>,
    outputs: readonly string[],
  ): Promise<Record<string, RuntimeTensor>>;
  release(): Promise<void>;
}

export interface OnnxRuntime {
  /** e.g. `onnxruntime-node 1.30.0`. */
  readonly name: string;
  /** A session for the model's bytes, computing on `threads` threads. */
  createSession(model: Uint8Array, options: { threads: number }): Promise<RuntimeSession>;
}
