"""The Tacotron 2 post-net (NVIDIA/tacotron2 model.py Postnet), with its width as a parameter.

Same layers, init and state_dict keys as NVIDIA's: 5 x (ConvNorm k=5 pad=2 -> BatchNorm1d), tanh
after all but the last, dropout after each (training only). Keys: convolutions.{i}.0.conv.weight,
convolutions.{i}.0.conv.bias, convolutions.{i}.1.{weight,bias,running_mean,running_var,
num_batches_tracked}; the saved file prefixes them with `postnet.` as a full Tacotron 2 does.
"""
import numpy as np
import torch
from torch import nn


class ConvNorm(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, gain):
        super().__init__()
        self.conv = nn.Conv1d(in_channels, out_channels, kernel_size, padding=(kernel_size - 1) // 2)
        nn.init.xavier_uniform_(self.conv.weight, gain=gain)

    def forward(self, x):
        return self.conv(x)


class Postnet(nn.Module):
    def __init__(self, n_mels=80, embedding_dim=512, kernel_size=5, n_convolutions=5, dropout=0.5):
        super().__init__()
        tanh, linear = nn.init.calculate_gain("tanh"), nn.init.calculate_gain("linear")
        sizes = [n_mels] + [embedding_dim] * (n_convolutions - 1) + [n_mels]
        self.convolutions = nn.ModuleList(
            nn.Sequential(
                ConvNorm(sizes[i], sizes[i + 1], kernel_size, tanh if i < n_convolutions - 1 else linear),
                nn.BatchNorm1d(sizes[i + 1]),
            )
            for i in range(n_convolutions)
        )
        self.dropout = dropout

    def forward(self, x):
        """x: [batch, n_mels, T] -> the residual [batch, n_mels, T]."""
        last = len(self.convolutions) - 1
        for i, block in enumerate(self.convolutions):
            x = block(x)
            if i < last:
                x = torch.tanh(x)
            x = nn.functional.dropout(x, self.dropout, self.training)
        return x


def save_npz_float16(model, path):
    """The state_dict as `postnet.`-prefixed float16 arrays (num_batches_tracked stays int64)."""
    arrays = {}
    for key, value in model.state_dict().items():
        array = value.detach().cpu().numpy()
        arrays["postnet." + key] = array if array.dtype == np.int64 else array.astype(np.float16)
    np.savez_compressed(path, **arrays)


def load_npz(path, **kwargs):
    """A Postnet (eval mode, float32) from a file written by save_npz_float16."""
    arrays = np.load(path)
    width = arrays["postnet.convolutions.0.0.conv.weight"].shape[0]
    model = Postnet(embedding_dim=width, **kwargs)
    state = {k[len("postnet."):]: torch.from_numpy(arrays[k].astype(arrays[k].dtype if arrays[k].dtype == np.int64 else np.float32))
             for k in arrays.files}
    model.load_state_dict(state)
    return model.eval()
