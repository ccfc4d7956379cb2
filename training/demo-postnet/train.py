#!/usr/bin/python3
"""Trains the demo post-net: undo decoder-like smoothing of a Tacotron 2 log-mel.

Run from the repo root after make_data.py (the machine is shared: nice, two threads):
    nice -n 10 /usr/bin/python3 training/demo-postnet/train.py [--width 128] [--steps N] [-o PATH] [--resume]

input  = scipy.ndimage.gaussian_filter(clean, sigma=(1.0, 2.0), mode='nearest')   [80, T]
target = clean;  output = input + postnet(input);  loss = MSE(output, target) over all cells.
Random 128-frame crops of the blurred whole clips (the blur sees the clip's real edges), batch 32,
Adam with a cosine learning-rate decay over a fixed number of steps, seed SEED: the same command
gives the same weights on the same torch build. Writes float16 `postnet.`-keyed .npz
(resources/demo-postnet.npz by default) and prints the held-out figures of evaluate.py (for
watching only: nothing is chosen by them). Every 500 steps the whole state (model, optimiser,
schedule, sampler) goes to data/checkpoint.pt; --resume continues from it to the same result.
"""
import argparse
import math
import os
import pathlib
import sys
import time

# Before torch loads OpenMP: waiting threads sleep instead of spinning. On a shared machine a
# spinning thread whose partner is descheduled burns its core for nothing (2.1 s a step instead of
# 0.43 s measured here with two threads under load; the numbers are the same either way).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np
import scipy.ndimage
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from model import Postnet, save_npz_float16  # noqa: E402
from evaluate import evaluate_torch  # noqa: E402

SEED = 1234
REPO = pathlib.Path(__file__).resolve().parents[2]
DATA = REPO / "training" / "demo-postnet" / "data" / "train.npz"
CHECKPOINT = DATA.parent / "checkpoint.pt"
HELDOUT = REPO / "test" / "fixtures" / "demo-postnet" / "heldout.npz"
SIGMA = (1.0, 2.0)  # (bands, frames)
CROP, BATCH = 128, 32


def blur(mel):
    return scipy.ndimage.gaussian_filter(mel, sigma=SIGMA, mode="nearest").astype(np.float32)


def load_clips():
    data = np.load(DATA)
    mels, offsets = data["mels"], data["offsets"]
    clips = [mels[:, offsets[i]:offsets[i + 1]] for i in range(len(offsets) - 1)]
    clips = [c for c in clips if c.shape[1] >= CROP]
    return [(blur(c), c) for c in clips]


def batches(clips, rng):
    lengths = np.array([c.shape[1] for _, c in clips], dtype=np.float64)
    p = lengths / lengths.sum()
    while True:
        x = np.empty((BATCH, 80, CROP), np.float32)
        y = np.empty_like(x)
        for b, i in enumerate(rng.choice(len(clips), BATCH, p=p)):
            blurred, clean = clips[i]
            t = rng.integers(0, clean.shape[1] - CROP + 1)
            x[b], y[b] = blurred[:, t:t + CROP], clean[:, t:t + CROP]
        yield torch.from_numpy(x), torch.from_numpy(y)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=int, default=128)
    parser.add_argument("--steps", type=int, default=4000)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("-o", "--output", default=str(REPO / "resources" / "demo-postnet.npz"))
    parser.add_argument("--resume", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    clips = load_clips()
    print(f"{len(clips)} clips, {sum(c.shape[1] for _, c in clips)} frames; width {args.width}", flush=True)
    model = Postnet(embedding_dim=args.width, dropout=args.dropout)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: 0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(step, args.steps) / args.steps)))
    start, running, first = time.time(), None, 1
    if args.resume and CHECKPOINT.exists():
        state = torch.load(CHECKPOINT)
        assert state["args"] == [args.width, args.steps, args.lr, args.dropout], "checkpoint of other settings"
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        schedule.load_state_dict(state["schedule"])
        rng.bit_generator.state = state["rng"]
        running, first = state["running"], state["step"] + 1
        print(f"resumed after step {state['step']}", flush=True)
    for step, (x, y) in enumerate(batches(clips, rng), start=first):
        model.train()
        loss = torch.mean((x + model(x) - y) ** 2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if step % 500 == 0 and step < args.steps:
            torch.save(dict(model=model.state_dict(), optimizer=optimizer.state_dict(),
                            schedule=schedule.state_dict(), rng=rng.bit_generator.state, running=running,
                            step=step, args=[args.width, args.steps, args.lr, args.dropout]), CHECKPOINT)
        if step % 500 == 0 or step == args.steps:
            model.eval()
            report = evaluate_torch(model, HELDOUT)
            print(f"step {step} {time.time() - start:.0f} s loss {running:.4f} "
                  f"held-out MSE {report['mse_input']:.4f} -> {report['mse_output']:.4f} "
                  f"({100 * report['reduction']:.1f} % lower)", flush=True)
        if step == args.steps:
            break
    model.eval()
    pathlib.Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    save_npz_float16(model, args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
