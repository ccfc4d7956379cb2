/** The bundled demo post-net's file (resources/demo-postnet.npz), as the hosts read it. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_WEIGHTS_FILE } from '../../shared/demo/weights';

export const DEMO_WEIGHTS_PATH = resolve(import.meta.dirname, '..', '..', 'resources', DEMO_WEIGHTS_FILE);

export function demoWeightsBytes(): Uint8Array {
  return new Uint8Array(readFileSync(DEMO_WEIGHTS_PATH));
}
