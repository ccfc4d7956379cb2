#!/usr/bin/python3
"""The demo post-net's held-out figure, computed by PyTorch (ours: test/bench demo-postnet section).

    /usr/bin/python3 training/demo-postnet/evaluate.py [WEIGHTS.npz]

For each committed held-out clip (test/fixtures/demo-postnet/heldout.npz, clean log-mels):
input = gaussian_filter(clean, sigma=(1, 2), mode='nearest'), output = input + postnet(input).
MSE to the clean mel over the cells (band, frame) where clean > -9, pooled over all clips;
reduction = 1 - MSE(output) / MSE(input). The weights are the float16 file, run in float32.
"""
import pathlib
import sys

import numpy as np
import scipy.ndimage
import torch

REPO = pathlib.Path(__file__).resolve().parents[2]
FLOOR = -9.0


def evaluate_torch(model, heldout_path):
    held = np.load(heldout_path)
    se_in = se_out = count = 0.0
    per_clip = []
    for key in sorted(held.files, key=lambda k: int(k.split("_")[1])):
        clean = held[key]
        blurred = scipy.ndimage.gaussian_filter(clean, sigma=(1.0, 2.0), mode="nearest").astype(np.float32)
        with torch.no_grad():
            x = torch.from_numpy(blurred)[None]
            out = (x + model(x))[0].numpy()
        mask = clean > FLOOR
        a = float(np.sum((blurred - clean)[mask] ** 2))
        b = float(np.sum((out - clean)[mask] ** 2))
        per_clip.append((key, a / mask.sum(), b / mask.sum()))
        se_in, se_out, count = se_in + a, se_out + b, count + mask.sum()
    return dict(mse_input=se_in / count, mse_output=se_out / count, reduction=1 - se_out / se_in,
                cells=int(count), per_clip=per_clip)


def main():
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    from model import load_npz

    weights = sys.argv[1] if len(sys.argv) > 1 else str(REPO / "resources" / "demo-postnet.npz")
    model = load_npz(weights, dropout=0.0)
    report = evaluate_torch(model, REPO / "test" / "fixtures" / "demo-postnet" / "heldout.npz")
    for key, a, b in report["per_clip"]:
        print(f"{key}: MSE {a:.4f} -> {b:.4f} ({100 * (1 - b / a):.1f} % lower)")
    print(f"all {report['cells']} cells where clean > {FLOOR}: MSE {report['mse_input']:.4f} -> "
          f"{report['mse_output']:.4f} ({100 * report['reduction']:.1f} % lower)")


if __name__ == "__main__":
    main()
