#!/usr/bin/env sh
# Makes renderer/public/samples/sample.wav, the speech clip the app opens on first run (see
# docs/workspace.md). It lives here, outside public/, because everything in public/ is copied
# into the built app. espeak-ng speaks the sentence at its own rate; sox resamples to 22.05 kHz
# 16-bit mono, the rate of the Tacotron 2 mel preset, so the app shows the pipeline without
# resampling.
set -eu
cd "$(dirname "$0")/../public/samples"
TEXT="Postnet Studio. A convolution slides along time; the eighty mel bands are its channels."
espeak-ng -v en-us -s 150 -w raw.wav "$TEXT"
sox raw.wav -r 22050 -b 16 -c 1 sample.wav
rm raw.wav
soxi sample.wav
