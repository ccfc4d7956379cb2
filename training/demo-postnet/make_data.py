#!/usr/bin/python3
"""Makes the demo post-net's training data and its committed held-out set.

Run from the repo root (needs espeak-ng, flite, sox, Debian's pocketsphinx-testdata for the real
recordings, and python3-torch / python3-torchaudio / python3-scipy):
    /usr/bin/python3 training/demo-postnet/make_data.py

The task (docs/demo-postnet.md): input = the clean log-mel blurred by
scipy.ndimage.gaussian_filter(mel, sigma=(1.0, 2.0), mode='nearest') on [bands, frames], target =
the clean log-mel. This script writes only clean mels; the blur is applied by the trainer and by
the evaluators (scipy's in Python, shared/demo/smoothing.ts in ours).

Writes
  training/demo-postnet/data/train.npz   (not committed; regenerated exactly by this script)
      mels: float32 [80, sum T] clean log-mels end to end, offsets: int64 [n + 1], names: str [n]
  test/fixtures/demo-postnet/heldout.npz (committed) clean_<i>: float32 [80, T_i]
  test/fixtures/demo-postnet/heldout.json   what each held-out clip is (source, voice, text)

Speech sources
  espeak-ng: several languages x voice variants x speed x pitch x gain;
  flite: the CMU voices built from recordings (awb, rms, kal16 train; slt held out);
  pocketsphinx-testdata (BSD-2, CMU): real recorded speech at 16 kHz: the cards, goforward,
  numbers, something and tidigits clips train; the five LibriVox clips (a public-domain reading of
  Sense and Sensibility) are held out.
Held out = sentences, voices and languages never used in training: Harvard list 5 and the
held-out sentences below, espeak variants m6/f4/klatt3 in languages cs/fi/en-gb-scotland, flite slt,
and the LibriVox reader.

Mel: the tacotron2 preset exactly as torchaudio computes it (test/fixtures/mel/make_fixtures.py):
MelSpectrogram(22050, n_fft=1024, win=1024, hop=256, fmin 0, fmax 8000, 80 Slaney bands, Slaney
norm, power 1, center, reflect), then log(clamp(x, 1e-5)). 16 kHz sources are resampled to 22050 Hz
by sox (-v: very high quality) first.
"""
import json
import pathlib
import subprocess
import tempfile

import numpy as np
import torch
import torchaudio

SEED = 20250614
REPO = pathlib.Path(__file__).resolve().parents[2]
DATA = REPO / "training" / "demo-postnet" / "data"
HELDOUT = REPO / "test" / "fixtures" / "demo-postnet"
SPHINX = pathlib.Path("/usr/share/pocketsphinx/test/data")

# Harvard sentences (IEEE 1969), lists 1-4 for training.
TRAIN_EN = [
    "The birch canoe slid on the smooth planks.", "Glue the sheet to the dark blue background.",
    "It's easy to tell the depth of a well.", "These days a chicken leg is a rare dish.",
    "Rice is often served in round bowls.", "The juice of lemons makes fine punch.",
    "The box was thrown beside the parked truck.", "The hogs were fed chopped corn and garbage.",
    "Four hours of steady work faced us.", "A large size in stockings is hard to sell.",
    "The boy was there when the sun rose.", "A rod is used to catch pink salmon.",
    "The source of the huge river is the clear spring.", "Kick the ball straight and follow through.",
    "Help the woman get back to her feet.", "A pot of tea helps to pass the evening.",
    "Smoky fires lack flame and heat.", "The soft cushion broke the man's fall.",
    "The salt breeze came across from the sea.", "The girl at the booth sold fifty bonds.",
    "The small pup gnawed a hole in the sock.", "The fish twisted and turned on the bent hook.",
    "Press the pants and sew a button on the vest.", "The swan dive was far short of perfect.",
    "The beauty of the view stunned the young boy.", "Two blue fish swam in the tank.",
    "Her purse was full of useless trash.", "The colt reared and threw the tall rider.",
    "It snowed, rained, and hailed the same morning.", "Read verse out loud for pleasure.",
    "Hoist the load to your left shoulder.", "Take the winding path to reach the lake.",
    "Note closely the size of the gas tank.", "Wipe the grease off his dirty face.",
    "Mend the coat before you go out.", "The wrist was badly strained and hung limp.",
    "The stray cat gave birth to kittens.", "The young girl gave no clear response.",
    "The meal was cooked before the bell rang.", "What joy there is in living.",
    "Seven thousand and forty two sheep crossed the bridge at dawn.",
    "Is it raining in Zurich, or is the sky still clear?",
    "She whispered the answer, then shouted it again, louder.",
]
TRAIN_OTHER = {
    "de": ["Der schnelle braune Fuchs springt über den faulen Hund.",
           "Im Sommer fahren wir oft mit dem Fahrrad an den See.",
           "Die Kinder spielen im Garten, während es draußen regnet."],
    "fr-fr": ["Le petit chat dort sur le canapé depuis ce matin.",
              "Nous irons au marché demain pour acheter des légumes.",
              "La musique douce remplit la chambre silencieuse."],
    "es": ["El tren sale de la estación a las ocho en punto.",
           "Mi hermana prepara una sopa de tomate muy rica.",
           "Los pájaros cantan cuando llega la primavera."],
    "it": ["La pizza napoletana è famosa in tutto il mondo.",
           "Domani andremo al mare con i nostri amici."],
    "nl": ["De fiets staat al de hele dag voor de deur.",
           "Wij drinken koffie in de keuken bij het raam."],
    "pt": ["O barco navega devagar pelo rio tranquilo.",
           "A menina leu o livro inteiro numa só noite."],
    "pl": ["Pociąg przyjechał na stację z dużym opóźnieniem.",
           "W lesie rosną wysokie sosny i stare dęby."],
    "sv": ["Solen går ner bakom de höga bergen.",
           "Vi åt frukost tillsammans på balkongen."],
}
TRAIN_LANGS = ["en-us", "en-gb", "en-gb-x-rp", "en-us-nyc", "en-029"]
TRAIN_VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m7", "f1", "f2", "f3", "f5",
                  "klatt", "klatt2", "Andy", "Annie", "Alex", "Mike", "steph", "max", "grandpa"]
FLITE_TRAIN = ["awb", "rms", "kal16"]

# Harvard list 5 and a few more, never used in training.
HELDOUT_EN = [
    "A king ruled the state in the early days.", "The ship was torn apart on the sharp reef.",
    "Sickness kept him home the third week.", "The wide road shimmered in the hot sun.",
    "The lazy cow lay in the cool grass.", "Lift the square stone over the fence.",
]
HELDOUT_ESPEAK = [  # (voice, text): languages and variants the training never saw
    ("en-gb-scotland+m6", HELDOUT_EN[0]),
    ("en-us+f4", HELDOUT_EN[1]),
    ("en-gb+klatt3", HELDOUT_EN[2]),
    ("cs+f4", "Na kopci stojí starý hrad s vysokou věží."),
    ("fi+m6", "Järven rannalla on pieni punainen mökki."),
]
HELDOUT_FLITE = [("slt", HELDOUT_EN[3]), ("slt", HELDOUT_EN[4])]
HELDOUT_LIBRIVOX = ["0880", "0930"]  # 3.0 s and 3.3 s of a human reader
HELDOUT_MAX_FRAMES = 300  # keeps the committed set small (~0.1 MB a clip)


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


def mel_transform():
    import torchaudio.transforms as T
    return T.MelSpectrogram(sample_rate=22050, n_fft=1024, win_length=1024, hop_length=256,
                            f_min=0.0, f_max=8000.0, n_mels=80, power=1.0, center=True,
                            pad_mode="reflect", norm="slaney", mel_scale="slaney")


MEL = mel_transform()


def log_mel(wav_path):
    """Clean natural-log mel [80, T] float32 of a 22050 Hz mono WAV (torchaudio's decoding)."""
    audio, rate = torchaudio.load(str(wav_path))
    assert rate == 22050, (wav_path, rate)
    with torch.no_grad():
        mel = MEL(audio.mean(0))
    return torch.log(torch.clamp(mel, min=1e-5)).numpy().astype(np.float32)


def to_22k(src, dst, gain_db, raw16k=False):
    """sox to 22050 Hz 16-bit mono with a gain and trimmed silence (no dither: deterministic)."""
    head = ["-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1"] if raw16k else []
    run("sox", "-D", *head, str(src), "-r", "22050", "-b", "16", "-c", "1", str(dst),
        "vol", f"{gain_db}dB", "rate", "-v", "22050",
        "silence", "1", "0.02", "0.1%", "reverse", "silence", "1", "0.02", "0.1%", "reverse",
        "pad", "0.15", "0.15")


def espeak(tmp, voice, text, speed, pitch, gain_db):
    raw, out = tmp / "espeak.wav", tmp / "espeak22.wav"
    run("espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(raw), text)
    to_22k(raw, out, gain_db)
    return log_mel(out)


def flite(tmp, voice, text, gain_db):
    raw, out = tmp / "flite.wav", tmp / "flite22.wav"
    run("flite", "-voice", voice, "-t", text, "-o", str(raw))
    to_22k(raw, out, gain_db)
    return log_mel(out)


def recording(tmp, path, gain_db):
    out = tmp / "rec22.wav"
    to_22k(path, out, gain_db, raw16k=path.suffix == ".raw")
    return log_mel(out)


def training_set(tmp, rng):
    mels, names = [], []

    def add(name, mel):
        mels.append(mel)
        names.append(name)

    gain = lambda: round(float(rng.uniform(-14.0, 0.0)), 1)  # noqa: E731
    en = list(TRAIN_EN)
    for lang in TRAIN_LANGS:
        for variant in TRAIN_VARIANTS:
            for _ in range(2):
                a, b = rng.choice(len(en), 2, replace=False)
                text = en[a] + " " + en[b]
                speed, pitch = int(rng.integers(120, 230)), int(rng.integers(25, 80))
                voice = f"{lang}+{variant}"
                add(f"espeak {voice} s{speed} p{pitch}", espeak(tmp, voice, text, speed, pitch, gain()))
    for lang, sentences in TRAIN_OTHER.items():
        for variant in TRAIN_VARIANTS[::2]:
            text = " ".join(rng.permutation(sentences))
            speed, pitch = int(rng.integers(120, 220)), int(rng.integers(25, 80))
            voice = f"{lang}+{variant}"
            add(f"espeak {voice} s{speed} p{pitch}", espeak(tmp, voice, text, speed, pitch, gain()))
    for voice in FLITE_TRAIN:
        for i in range(0, len(en), 2):
            add(f"flite {voice} {i}", flite(tmp, voice, en[i] + " " + en[i + 1] if i + 1 < len(en) else en[i], gain()))
    recordings = sorted((SPHINX / "cards").glob("*.wav")) + [
        SPHINX / "goforward.raw", SPHINX / "numbers.raw", SPHINX / "something.raw",
        SPHINX / "tidigits" / "dhd.2934z.raw"]
    for path in recordings:
        for _ in range(6):  # the few real clips at several levels, so they weigh a little more
            add(f"recording {path.name}", recording(tmp, path, gain()))
    return mels, names


def heldout_set(tmp, rng):
    clips = []
    for voice, text in HELDOUT_ESPEAK:
        speed, pitch = int(rng.integers(140, 200)), int(rng.integers(35, 65))
        clips.append((dict(source="espeak-ng", voice=voice, speed=speed, pitch=pitch, text=text),
                      espeak(tmp, voice, text, speed, pitch, -3.0)))
    for voice, text in HELDOUT_FLITE:
        clips.append((dict(source="flite", voice=voice, text=text), flite(tmp, voice, text, -3.0)))
    for clip in HELDOUT_LIBRIVOX:
        path = SPHINX / "librivox" / f"sense_and_sensibility_01_austen_64kb-{clip}.wav"
        clips.append((dict(source="pocketsphinx-testdata LibriVox recording (public domain)",
                           file=path.name), recording(tmp, path, 0.0)))
    return [(info, mel[:, :HELDOUT_MAX_FRAMES]) for info, mel in clips]


def main():
    rng = np.random.default_rng(SEED)
    DATA.mkdir(parents=True, exist_ok=True)
    HELDOUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        held = heldout_set(tmp, rng)
        mels, names = training_set(tmp, rng)
    offsets = np.cumsum([0] + [m.shape[1] for m in mels]).astype(np.int64)
    np.savez(DATA / "train.npz", mels=np.concatenate(mels, axis=1), offsets=offsets, names=np.array(names))
    np.savez_compressed(HELDOUT / "heldout.npz", **{f"clean_{i}": mel for i, (_, mel) in enumerate(held)})
    manifest = [dict(key=f"clean_{i}", frames=int(mel.shape[1]), **info) for i, (info, mel) in enumerate(held)]
    (HELDOUT / "heldout.json").write_text(json.dumps(dict(seed=SEED, clips=manifest), indent=2, ensure_ascii=False) + "\n")
    print(f"train: {len(mels)} clips, {offsets[-1]} frames ({offsets[-1] * 256 / 22050 / 60:.1f} min)")
    print(f"held out: {len(held)} clips, {sum(m.shape[1] for _, m in held)} frames")


if __name__ == "__main__":
    main()
