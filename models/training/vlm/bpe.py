"""A small byte-level BPE (GPT-2 style) trainer and encoder that writes a Hugging Face `tokenizer.json`.

No `tokenizers` library is needed: the file uses the standard layout (BPE model with vocab + merges, ByteLevel
pre-tokenizer and decoder, special tokens in `added_tokens`), so Microsoft.ML.Tokenizers or HF tokenizers read it.
Pre-tokenisation is GPT-2's regex, with `\\p{L}` written as `[^\\W\\d_]` and `\\p{N}` as `\\d` (Python `re` has no
Unicode classes); for the ASCII + Swedish letters of our text the two are the same.
"""
import json
import re
from collections import Counter

PAT = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+""")


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


B2U = bytes_to_unicode()
U2B = {v: k for k, v in B2U.items()}


def pretokenize(text):
    return ["".join(B2U[b] for b in w.encode("utf-8")) for w in PAT.findall(text)]


class BPE:
    def __init__(self, vocab, merges, specials):
        self.vocab = vocab                      # str -> id (byte-level symbols + merged symbols)
        self.merges = merges                    # list of (a, b)
        self.ranks = {m: i for i, m in enumerate(merges)}
        self.specials = specials                # str -> id
        self.id_to_tok = {i: t for t, i in vocab.items()} | {i: t for t, i in specials.items()}
        self._cache = {}
        self._split = re.compile("(" + "|".join(re.escape(s) for s in sorted(specials, key=len, reverse=True)) + ")")

    @staticmethod
    def train(texts, vocab_size, specials):
        """specials take ids 0..k-1, then the 256 byte symbols, then merges until vocab_size."""
        words = Counter()
        splitter = re.compile("(" + "|".join(re.escape(s) for s in specials) + ")")
        for t in texts:
            for part in splitter.split(t):
                if part and part not in specials:
                    words.update(pretokenize(part))
        spec = {s: i for i, s in enumerate(specials)}
        vocab = {}
        for b in range(256):
            vocab[B2U[b]] = len(spec) + b
        seqs = {w: list(w) for w in words}
        merges = []
        while len(spec) + len(vocab) < vocab_size:
            pairs = Counter()
            for w, c in words.items():
                s = seqs[w]
                for i in range(len(s) - 1):
                    pairs[(s[i], s[i + 1])] += c
            if not pairs:
                break
            (a, b), cnt = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
            if cnt < 2:
                break
            merges.append((a, b))
            ab = a + b
            vocab[ab] = len(spec) + len(vocab)
            for w in words:
                s = seqs[w]
                if len(s) < 2:
                    continue
                i, out = 0, []
                while i < len(s):
                    if i < len(s) - 1 and s[i] == a and s[i + 1] == b:
                        out.append(ab)
                        i += 2
                    else:
                        out.append(s[i])
                        i += 1
                seqs[w] = out
        return BPE(vocab, merges, spec)

    def _bpe(self, word):
        if word in self._cache:
            return self._cache[word]
        s = list(word)
        while len(s) > 1:
            best, bi = None, -1
            for i in range(len(s) - 1):
                r = self.ranks.get((s[i], s[i + 1]))
                if r is not None and (best is None or r < best):
                    best, bi = r, i
            if best is None:
                break
            a, b = s[bi], s[bi + 1]
            out, i = [], 0
            while i < len(s):
                if i < len(s) - 1 and s[i] == a and s[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            s = out
        ids = [self.vocab[t] for t in s]
        self._cache[word] = ids
        return ids

    def encode(self, text):
        ids = []
        for part in self._split.split(text):
            if not part:
                continue
            if part in self.specials:
                ids.append(self.specials[part])
            else:
                for w in pretokenize(part):
                    ids.extend(self._bpe(w))
        return ids

    def decode(self, ids, skip_special=False):
        out, buf = [], []
        for i in ids:
            t = self.id_to_tok[i]
            if t in self.specials:
                if buf:
                    out.append(bytes(buf).decode("utf-8", errors="replace"))
                    buf = []
                if not skip_special:
                    out.append(t)
            else:
                buf.extend(U2B[c] for c in t)
        if buf:
            out.append(bytes(buf).decode("utf-8", errors="replace"))
        return "".join(out)

    def __len__(self):
        return len(self.id_to_tok)

    def to_hf_json(self):
        added = [{"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                  "normalized": False, "special": True} for s, i in sorted(self.specials.items(), key=lambda kv: kv[1])]
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            "normalizer": None,
            "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
            "post_processor": None,
            "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
            "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                      "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                      "vocab": self.vocab, "merges": [a + " " + b for a, b in self.merges]},
        }

    def save(self, path):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_hf_json(), f, ensure_ascii=False)

    @staticmethod
    def load(path):
        with open(path, encoding="utf-8") as f:
            j = json.load(f)
        specials = {t["content"]: t["id"] for t in j["added_tokens"]}
        merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in j["model"]["merges"]]
        return BPE(j["model"]["vocab"], merges, specials)
