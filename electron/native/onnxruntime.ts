/**
 * onnxruntime-node (an optional dependency) as the OnnxRuntime the native backend runs on, for the
 * Node hosts (the CLI now; the Electron worker can use the same). Loading can fail: the package
 * is not installed, or its binary does not load on this platform; `loadOnnxRuntime` then says why.
 */
import type * as OrtModule from 'onnxruntime-node';
import type { OnnxRuntime, RuntimeTensor } from '../../shared/backend/onnx/runtime';

type Ort = typeof OrtModule;

let loaded: Promise<{ ok: true; runtime: OnnxRuntime } | { ok: false; reason: string }> | undefined;

function adapt(ort: Ort): OnnxRuntime {
  const version = ort.env.versions.node ?? ort.env.versions.common ?? '?';
  return {
    name: `onnxruntime-node ${version}`,
    async createSession(model, { threads }) {
      const session = await ort.InferenceSession.create(model, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
      return {
        async run(feeds, outputs) {
          const tensors: Record<string, InstanceType<Ort['Tensor']>> = {};
          for (const [name, t] of Object.entries(feeds))
            tensors[name] = new ort.Tensor('float32', t.data, [...t.dims]);
          const result = await session.run(tensors, [...outputs]);
          const out: Record<string, RuntimeTensor> = {};
          for (const name of outputs) {
            const t = result[name]!;
            out[name] = { dims: t.dims.map(Number), data: t.data as Float32Array };
          }
          return out;
        },
        release: () => session.release(),
      };
    },
  };
}

/** onnxruntime-node, loaded once; or why it cannot be used here. */
export function loadOnnxRuntime(): Promise<
  { ok: true; runtime: OnnxRuntime } | { ok: false; reason: string }
> {
  loaded ??= import('onnxruntime-node').then(
    (ort) => ({ ok: true as const, runtime: adapt((ort as { default?: Ort }).default ?? ort) }),
    (error: unknown) => {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      return { ok: false as const, reason: `onnxruntime-node could not be loaded (${message})` };
    },
  );
  return loaded;
}
