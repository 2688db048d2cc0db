"""Write the text path of the VLM as an ONNX Runtime GenAI model folder (models/vlm/genai by default).

GenAI's `llama` decoder feeds `input_ids`, `attention_mask`, `position_ids` and the past key/values to ONE model
file; our split layout has the embedding lookup in its own graph. This script splices `embed_tokens.onnx` in front
of `decoder_model_plain.onnx` (standard ONNX operators only; the fused decoder would work too, but the plain graph is
the reference and needs no contrib operators): the embed graph's nodes and initialisers are prefixed so no name
can clash, its `inputs_embeds` output becomes the decoder's `inputs_embeds`, and `input_ids` becomes the model
input. Everything else (names, types, dynamic axes, opset 14) is unchanged, so the logits are the same arithmetic
as the own engine's on the plain graph.

Writes OUT/model.onnx, OUT/genai_config.json (type llama, past/present name patterns, one intra-op thread, greedy
defaults), OUT/tokenizer.json (copied), OUT/tokenizer_config.json (what GenAI's tokenizer and guidance read) and
OUT/config.json (copied: the C# engine reads its chat template and special ids from it, so the folder stands alone).
Images: GenAI's multimodal path only knows fixed model types, so instead model.onnx gets an extra input
`image_features` [batch, n, hidden] (n may be 0) that replaces the embeddings of the `<image>` placeholder tokens in
order, as the engine splices them; the C# runtime feeds it with Generator.SetModelInput (vision encoder output from
the split-layout folder). --text-only leaves it out.

  /usr/bin/python3 models/training/vlm/export_genai.py                      # models/vlm -> models/vlm/genai
  /usr/bin/python3 models/training/vlm/export_genai.py --model DIR --out DIR
"""
import argparse
import json
import os
import shutil
import subprocess
import sys


def ensure_packages():
    try:
        import numpy  # noqa: F401
        import onnx  # noqa: F401
    except ImportError:
        subprocess.check_call(["apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "python3-onnx", "python3-numpy"])


ensure_packages()
import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import helper  # noqa: E402

PREFIX = "embed_tokens/"


def splice(embed, decoder):
    """One graph: input_ids -> (embed nodes) -> inputs_embeds -> (decoder nodes) -> logits, presents."""
    if [i.name for i in embed.graph.input] != ["input_ids"] or [o.name for o in embed.graph.output] != ["inputs_embeds"]:
        raise SystemExit("embed_tokens.onnx must map input_ids -> inputs_embeds")
    if "inputs_embeds" not in [i.name for i in decoder.graph.input]:
        raise SystemExit("the decoder has no inputs_embeds input")
    if {o.domain: o.version for o in embed.opset_import}.get("", 0) > {o.domain: o.version for o in decoder.opset_import}.get("", 0):
        raise SystemExit("embed_tokens.onnx needs a newer opset than the decoder")

    keep = {"input_ids", "inputs_embeds"}
    taken = {n for n in (list(x.name for x in decoder.graph.initializer) + [o for n in decoder.graph.node for o in n.output])}

    def rename(name):
        if not name or name in keep:
            return name
        new = PREFIX + name
        if new in taken:
            raise SystemExit(f"name clash on {new}")
        return new

    nodes = []
    for n in embed.graph.node:
        c = onnx.NodeProto()
        c.CopyFrom(n)
        c.name = PREFIX + (n.name or n.op_type)
        c.input[:] = [rename(i) for i in n.input]
        c.output[:] = [rename(o) for o in n.output]
        nodes.append(c)
    inits = []
    for t in embed.graph.initializer:
        c = onnx.TensorProto()
        c.CopyFrom(t)
        c.name = rename(t.name)
        inits.append(c)

    g = decoder.graph
    ids = embed.graph.input[0]
    inputs = [ids] + [i for i in g.input if i.name != "inputs_embeds"]
    graph = helper.make_graph(nodes + list(g.node), "basket_vlm_text", inputs, list(g.output),
                              initializer=inits + list(g.initializer), value_info=list(g.value_info))
    model = helper.make_model(graph, opset_imports=list(decoder.opset_import), producer_name="basket-export-genai")
    model.ir_version = decoder.ir_version
    onnx.checker.check_model(model)
    return model


def add_image_input(model, cfg):
    """Extra input `image_features` [batch, n, hidden] (n may be 0): the embeddings of the image
    placeholder tokens are replaced by its rows in order, as the engine splices them. GenAI passes extra inputs set
    with Generator.SetModelInput on every run; decode steps have no placeholder, so the rows go unused there."""
    from onnx import TensorProto
    g = model.graph
    hidden, image_id = cfg["hidden_size"], cfg["image_token_id"]
    for n in g.node:  # the embedding lookup now feeds the splice; the decoder reads the splice's inputs_embeds
        if n.name.startswith(PREFIX):
            n.output[:] = ["embed_tokens/raw_embeds" if o == "inputs_embeds" else o for o in n.output]
    g.input.append(helper.make_tensor_value_info("image_features", TensorProto.FLOAT, ["batch", "num_image_tokens", hidden]))
    P = "image_splice/"
    g.initializer.extend([
        helper.make_tensor(P + "image_id", TensorProto.INT64, [], [image_id]),
        helper.make_tensor(P + "one", TensorProto.INT64, [], [1]),
        helper.make_tensor(P + "axis1", TensorProto.INT64, [], [1]),
        helper.make_tensor(P + "rows_shape", TensorProto.INT64, [2], [-1, hidden]),
        helper.make_tensor(P + "zero_row", TensorProto.FLOAT, [1, hidden], [0.0] * hidden),
        helper.make_tensor(P + "last_axis", TensorProto.INT64, [1], [-1]),
    ])
    nodes = [
        helper.make_node("Equal", ["input_ids", P + "image_id"], [P + "mask"], name=P + "Equal"),
        helper.make_node("Cast", [P + "mask"], [P + "mask_i"], to=TensorProto.INT64, name=P + "Cast"),
        helper.make_node("CumSum", [P + "mask_i", P + "axis1"], [P + "rank1"], name=P + "CumSum"),
        helper.make_node("Sub", [P + "rank1", P + "one"], [P + "rank"], name=P + "Sub"),
        helper.make_node("Reshape", ["image_features", P + "rows_shape"], [P + "rows"], name=P + "Reshape"),
        helper.make_node("Shape", [P + "rows"], [P + "rows_dims"], name=P + "Shape"),
        helper.make_node("Gather", [P + "rows_dims", "image_splice/zero_index"], [P + "count"], axis=0, name=P + "Count"),
        helper.make_node("Concat", [P + "rows", P + "zero_row"], [P + "padded"], axis=0, name=P + "Pad"),
        # placeholders take their row, every other position the zero row past the end (never used)
        helper.make_node("Where", [P + "mask", P + "rank", P + "count"], [P + "index"], name=P + "Index"),
        helper.make_node("Gather", [P + "padded", P + "index"], [P + "features"], axis=0, name=P + "Gather"),
        helper.make_node("Unsqueeze", [P + "mask", P + "last_axis"], [P + "mask3"], name=P + "Unsqueeze"),
        helper.make_node("Where", [P + "mask3", P + "features", "embed_tokens/raw_embeds"], ["inputs_embeds"], name=P + "Where"),
    ]
    g.initializer.append(helper.make_tensor("image_splice/zero_index", TensorProto.INT64, [], [0]))
    # after the embed nodes, before the decoder's
    first_decoder = next(i for i, n in enumerate(g.node) if not n.name.startswith(PREFIX))
    for k, n in enumerate(nodes):
        g.node.insert(first_decoder + k, n)
    onnx.checker.check_model(model)
    return model


def genai_config(cfg, max_length):
    eos = cfg["eos_token_id"] if isinstance(cfg["eos_token_id"], list) else [cfg["eos_token_id"]]
    return {
        "model": {
            "type": "llama",
            "bos_token_id": cfg["bos_token_id"],
            "eos_token_id": eos,
            "pad_token_id": cfg["pad_token_id"],
            "vocab_size": cfg["vocab_size"],
            "context_length": max_length,
            "decoder": {
                "filename": "model.onnx",
                "head_size": cfg["head_dim"],
                "hidden_size": cfg["hidden_size"],
                "num_attention_heads": cfg["num_attention_heads"],
                "num_hidden_layers": cfg["num_hidden_layers"],
                "num_key_value_heads": cfg["num_key_value_heads"],
                # the cart shares its cores: one thread, as the own engine's default
                "session_options": {"log_id": "basket-vlm", "intra_op_num_threads": 1, "inter_op_num_threads": 1, "provider_options": []},
                "inputs": {
                    "input_ids": "input_ids",
                    "attention_mask": "attention_mask",
                    "position_ids": "position_ids",
                    "past_key_names": "past_key_values.%d.key",
                    "past_value_names": "past_key_values.%d.value",
                },
                "outputs": {
                    "logits": "logits",
                    "present_key_names": "present.%d.key",
                    "present_value_names": "present.%d.value",
                },
            },
        },
        "search": {
            "do_sample": False,
            "early_stopping": True,
            "max_length": max_length,
            "min_length": 0,
            "num_beams": 1,
            "num_return_sequences": 1,
            # the plain decoder concatenates past and new keys itself (no GroupQueryAttention), so separate buffers
            "past_present_share_buffer": False,
            "repetition_penalty": 1.0,
            "temperature": 1.0,
            "top_k": 1,
            "top_p": 1.0,
        },
    }


def tokenizer_config(cfg, tokenizer):
    added = {t["id"]: t["content"] for t in tokenizer["added_tokens"]}
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": cfg["max_position_embeddings"],
        "bos_token": added[cfg["bos_token_id"]],
        "eos_token": added[cfg["eos_token_id"] if not isinstance(cfg["eos_token_id"], list) else cfg["eos_token_id"][0]],
        "pad_token": added[cfg["pad_token_id"]],
        "unk_token": None,
        "add_bos_token": False,  # the C# engine adds <bos> itself (config.json add_bos_token)
        "add_eos_token": False,
        "clean_up_tokenization_spaces": False,
    }


def check(model_path, embed_path, decoder_path):
    """The spliced graph's logits equal embed + decoder on a short prompt, when onnxruntime is importable."""
    try:
        import onnxruntime as ort
    except ImportError:
        print("onnxruntime (python) not installed: parity is checked by the C# tests instead")
        return
    ids = np.array([[1, 4, 10, 20, 30, 2, 5]], dtype=np.int64)
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    e = ort.InferenceSession(embed_path, so).run(None, {"input_ids": ids})[0]
    dec = ort.InferenceSession(decoder_path, so)
    m = ort.InferenceSession(model_path, so)
    feeds = {"attention_mask": np.ones_like(ids), "position_ids": np.arange(ids.shape[1])[None]}
    for i in dec.get_inputs():
        if i.name.startswith("past_key_values."):
            feeds[i.name] = np.zeros((1, i.shape[1], 0, i.shape[3]), np.float32)
    a = dec.run(["logits"], {**feeds, "inputs_embeds": e})[0]
    b = m.run(["logits"], {**feeds, "input_ids": ids})[0]
    print(f"spliced vs split logits max abs diff {np.abs(a - b).max():.3g}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/vlm")
    ap.add_argument("--out", default=None, help="default MODEL/genai")
    ap.add_argument("--decoder", default="decoder_model_plain.onnx")
    ap.add_argument("--text-only", action="store_true", help="leave out the image_features input")
    args = ap.parse_args()
    out = args.out or os.path.join(args.model, "genai")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(args.model, "config.json")) as f:
        cfg = json.load(f)
    with open(os.path.join(args.model, "tokenizer.json")) as f:
        tok = json.load(f)

    embed_path = os.path.join(args.model, "embed_tokens.onnx")
    decoder_path = os.path.join(args.model, args.decoder)
    model = splice(onnx.load(embed_path), onnx.load(decoder_path))
    if not args.text_only and cfg.get("image_seq_len", 0) > 0:
        model = add_image_input(model, cfg)
    model_path = os.path.join(out, "model.onnx")
    onnx.save(model, model_path)

    with open(os.path.join(out, "genai_config.json"), "w") as f:
        json.dump(genai_config(cfg, cfg["max_position_embeddings"]), f, indent=2)
        f.write("\n")
    with open(os.path.join(out, "tokenizer_config.json"), "w") as f:
        json.dump(tokenizer_config(cfg, tok), f, indent=2)
        f.write("\n")
    shutil.copyfile(os.path.join(args.model, "tokenizer.json"), os.path.join(out, "tokenizer.json"))
    shutil.copyfile(os.path.join(args.model, "config.json"), os.path.join(out, "config.json"))
    print(f"{model_path}: {len(model.graph.node)} nodes, {os.path.getsize(model_path) / 1e6:.2f} MB; inputs "
          + ", ".join(i.name for i in model.graph.input[:3]) + ", ...")
    check(model_path, embed_path, decoder_path)


if __name__ == "__main__":
    sys.exit(main())
