// AssemblyScript (compiled by wasm/build.mjs, not by tsc): the conv1d kernel module's exports.
// The module owns no allocator: shared/backend/wasm/ lays out its memory and grows it, bounded.
export { gemm, BLOCK_CHANNELS, BLOCK_FRAMES, START_BIAS, START_ADD, START_ZERO } from './gemm';
export { winogradInput, winogradOutput } from './winograd';
export { peakLoop } from './peak';
export { activate, ACTIVATION_IDENTITY, ACTIVATION_TANH, ACTIVATION_RELU } from './activation';
