/**
 * Bench section `checkpoints`: reading a full-size Tacotron 2 checkpoint (NVIDIA's key names and
 * shapes, 28.2 M parameters, random values) as torch.save zip, legacy torch.save, a train.py
 * checkpoint with its Adam state (three times the tensors), and .safetensors; ours
 * (`readWeightSet`, then the whole `loadWeights` with its SHA-256 and post-net build) beside
 * `torch.load` of the same file in the same run, and the memory ours holds afterwards. PyTorch
 * writes the files into a temporary folder first.
 *
 *   npm run bench -- checkpoints     or   npx tsx test/bench/checkpoints.ts [--runs 5]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWeightSet } from '../../shared/weights/read';
import { loadWeights } from '../../shared/weights/load';
import { runSections, sectionOptions } from './args';
import { comparisonLine, time, type BenchSection } from './timing';
import { runTorch } from './torch';

const FILES = ['tacotron2.pt', 'tacotron2_legacy.pt', 'checkpoint_100000', 'tacotron2.safetensors'] as const;

/** Writes the files, then times torch.load of each (weights_only where 1.13 allows it). */
const TORCH_SCRIPT = `
import collections, os, struct
torch.manual_seed(0)
d = args["dir"]
shapes = collections.OrderedDict()
shapes["embedding.weight"] = (148, 512)
for i in range(3):
    p = f"encoder.convolutions.{i}"
    shapes[p + ".0.conv.weight"] = (512, 512, 5); shapes[p + ".0.conv.bias"] = (512,)
    for n in ["weight", "bias", "running_mean", "running_var"]: shapes[f"{p}.1.{n}"] = (512,)
    shapes[p + ".1.num_batches_tracked"] = ()
for s in ["", "_reverse"]:
    shapes["encoder.lstm.weight_ih_l0" + s] = (1024, 512); shapes["encoder.lstm.weight_hh_l0" + s] = (1024, 256)
    shapes["encoder.lstm.bias_ih_l0" + s] = (1024,); shapes["encoder.lstm.bias_hh_l0" + s] = (1024,)
shapes["decoder.prenet.layers.0.linear_layer.weight"] = (256, 80)
shapes["decoder.prenet.layers.1.linear_layer.weight"] = (256, 256)
shapes["decoder.attention_rnn.weight_ih"] = (4096, 768); shapes["decoder.attention_rnn.weight_hh"] = (4096, 1024)
shapes["decoder.attention_rnn.bias_ih"] = (4096,); shapes["decoder.attention_rnn.bias_hh"] = (4096,)
shapes["decoder.attention_layer.query_layer.linear_layer.weight"] = (128, 1024)
shapes["decoder.attention_layer.memory_layer.linear_layer.weight"] = (128, 512)
shapes["decoder.attention_layer.v.linear_layer.weight"] = (1, 128)
shapes["decoder.attention_layer.location_layer.location_conv.conv.weight"] = (32, 2, 31)
shapes["decoder.attention_layer.location_layer.location_dense.linear_layer.weight"] = (128, 32)
shapes["decoder.decoder_rnn.weight_ih"] = (4096, 1536); shapes["decoder.decoder_rnn.weight_hh"] = (4096, 1024)
shapes["decoder.decoder_rnn.bias_ih"] = (4096,); shapes["decoder.decoder_rnn.bias_hh"] = (4096,)
shapes["decoder.linear_projection.linear_layer.weight"] = (80, 1536)
shapes["decoder.linear_projection.linear_layer.bias"] = (80,)
shapes["decoder.gate_layer.linear_layer.weight"] = (1, 1536); shapes["decoder.gate_layer.linear_layer.bias"] = (1,)
for i in range(5):
    p = f"postnet.convolutions.{i}"; o = 80 if i == 4 else 512; c = 80 if i == 0 else 512
    shapes[p + ".0.conv.weight"] = (o, c, 5); shapes[p + ".0.conv.bias"] = (o,)
    for n in ["weight", "bias"]: shapes[f"{p}.1.{n}"] = (o,)
    shapes[p + ".1.running_mean"] = (o,); shapes[p + ".1.running_var"] = (o,)
    shapes[p + ".1.num_batches_tracked"] = ()
sd = collections.OrderedDict()
for k, s in shapes.items():
    sd[k] = torch.tensor(1000) if k.endswith("num_batches_tracked") else torch.rand(s) * 0.1 + (0.5 if k.endswith("running_var") else 0)
params = [v for k, v in sd.items() if not k.endswith(("running_mean", "running_var", "num_batches_tracked"))]
optimizer = {"state": {i: {"step": 100000, "exp_avg": torch.zeros_like(p), "exp_avg_sq": torch.zeros_like(p)} for i, p in enumerate(params)},
             "param_groups": [{"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-6, "weight_decay": 1e-6, "amsgrad": False, "params": list(range(len(params)))}]}
torch.save(sd, os.path.join(d, "tacotron2.pt"))
torch.save(sd, os.path.join(d, "tacotron2_legacy.pt"), _use_new_zipfile_serialization=False)
torch.save({"iteration": 100000, "state_dict": sd, "optimizer": optimizer, "learning_rate": 1e-3}, os.path.join(d, "checkpoint_100000"))
header, chunks, offset = {}, [], 0
for k, v in sd.items():
    b = v.numpy().tobytes(); dt = "I64" if v.dtype == torch.int64 else "F32"
    header[k] = {"dtype": dt, "shape": list(v.shape), "data_offsets": [offset, offset + len(b)]}; chunks.append(b); offset += len(b)
h = json.dumps(header).encode(); h += b" " * ((8 - len(h) % 8) % 8)
with open(os.path.join(d, "tacotron2.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(h)) + h + b"".join(chunks))
torch.set_num_threads(1)
out = {"parameters": sum(v.numel() for v in params)}
for name in ${JSON.stringify(FILES)}:
    path = os.path.join(d, name)
    if name.endswith(".safetensors"):
        out[name] = "safetensors not installed"
        continue
    weights_only = name != "checkpoint_100000"  # 1.13's weights_only refuses the float learning_rate
    out[name] = median_ms(lambda: torch.load(path, map_location="cpu", weights_only=weights_only), args["runs"], 1)
print(json.dumps(out))
`;

export async function runCheckpointsBench(runs = 5): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'postnet-bench-checkpoints-'));
  try {
    const torch = runTorch<Record<string, unknown>>(TORCH_SCRIPT, { dir, runs });
    if (!torch.ok) {
      console.log(`  (no files: ${torch.reason})`);
      return;
    }
    console.log(
      `  full-size Tacotron 2 state_dict: ${String(torch.result.parameters)} parameters (float32), NVIDIA key names`,
    );
    for (const name of FILES) {
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      const files = [{ name, bytes }];
      const rssBefore = process.resourceUsage().maxRSS;
      const read = time(() => readWeightSet(files), runs, 1);
      const rssGrowth = (process.resourceUsage().maxRSS - rssBefore) / 1024;
      const theirs = torch.result[name];
      const torchTiming =
        typeof theirs === 'object' && theirs !== null
          ? (theirs as { wallMs: number; cpuMs: number })
          : String(theirs);
      const size = `${(bytes.length / 2 ** 20).toFixed(0)} MiB`;
      console.log(
        comparisonLine(
          `${name} (${size}): read all tensors`,
          { wallMs: read.medianMs, cpuMs: read.cpuMedianMs },
          torchTiming,
        ),
      );
      console.log(`    peak resident memory grew by ${rssGrowth.toFixed(0)} MiB while reading it`);
      const load = time(() => loadWeights(files, { nMels: 80 }), runs, 1);
      console.log(
        comparisonLine(
          `${name}: loadWeights (+ SHA-256, post-net build)`,
          { wallMs: load.medianMs, cpuMs: load.cpuMedianMs },
          'n/a',
        ),
      );
      const kept = readWeightSet(files);
      let held = 0;
      for (const tensor of kept.tensors.values()) held += tensor.data.byteLength;
      console.log(
        `    the tensors hold ${(held / 2 ** 20).toFixed(0)} MiB (${kept.tensors.size} tensors, copies: the file's bytes can be dropped)`,
      );
    }
    const peak = process.resourceUsage().maxRSS / 1024;
    console.log(`  peak resident memory of this bench process: ${peak.toFixed(0)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const checkpointsSection: BenchSection = {
  name: 'checkpoints',
  title: 'Reading PyTorch checkpoints (ours vs torch.load, same run, 1 thread)',
  async run(args) {
    const { runs } = sectionOptions('checkpoints', args, { runs: 'integer' });
    await runCheckpointsBench(runs ?? 5);
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await runSections(() => [{ section: checkpointsSection, args: process.argv.slice(2) }]);
}
