/**
 * The bundled demo post-net (resources/demo-postnet.npz, made by training/demo-postnet/train.py):
 * a Tacotron 2 post-net 128 channels wide, trained to undo decoder-like smoothing (the mel blurred
 * by smoothing.ts's Gaussian). Hosts read the file's bytes their own way (the CLI from beside its
 * script, the app from its resources, the browser over HTTP); this turns the bytes into weights.
 */
import { withSource } from '../errors';
import { loadWeights, type LoadedWeights } from '../weights/load';

/** The bundled file's name in `resources/`. */
export const DEMO_WEIGHTS_FILE = 'demo-postnet.npz';

/** What the demo weights are called in notices, the weights panel, `inspect` and sidecars. */
export const DEMO_WEIGHTS_NAME =
  'demo post-net (trained to undo decoder-like smoothing: Gaussian σ 1 band × 2 frames)';

/** The demo weights from the bytes of DEMO_WEIGHTS_FILE; isDefault, named DEMO_WEIGHTS_NAME. */
export function demoWeightsFromBytes(bytes: Uint8Array, nMels?: number): LoadedWeights {
  let loaded: LoadedWeights;
  try {
    loaded = loadWeights([{ name: DEMO_WEIGHTS_FILE, bytes }], { name: DEMO_WEIGHTS_NAME, nMels });
  } catch (error) {
    throw withSource(`the bundled ${DEMO_WEIGHTS_FILE}`, error);
  }
  return { ...loaded, summary: { ...loaded.summary, isDefault: true } };
}
