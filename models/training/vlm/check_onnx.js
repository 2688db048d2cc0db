// Dev check of an exported model folder with ONNX Runtime (onnxruntime-node, installed by hand into
// models/training/work/ortnode with `npm install --ignore-scripts onnxruntime-node@1.30.0`; not used by the product):
//   node check_onnx.js MODEL_DIR [decoder file]        -> parity vs MODEL_DIR/parity (max abs diffs, greedy match)
//   node check_onnx.js MODEL_DIR [decoder file] --bench -> JSON: TTFT (image + prompt) and decode tokens/s, 1 thread
const path = require('path');
const fs = require('fs');
const ort = require(path.join(__dirname, '../work/ortnode/node_modules/onnxruntime-node'));

const dir = process.argv[2];
const decFile = process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : 'decoder_model_merged.onnx';
const bench = process.argv.includes('--bench');
const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'config.json')));
const par = JSON.parse(fs.readFileSync(path.join(dir, 'parity', 'parity.json')));
const f32 = (n) => { const b = fs.readFileSync(path.join(dir, 'parity', n)); return new Float32Array(b.buffer, b.byteOffset, b.length / 4); };
const opts = { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' };

function maxDiff(a, b) { let m = 0; for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i])); return m; }
function argmax(a, off, n) { let bi = 0; for (let i = 1; i < n; i++) if (a[off + i] > a[off + bi]) bi = i; return bi; }

(async () => {
  const vis = await ort.InferenceSession.create(path.join(dir, 'vision_encoder.onnx'), opts);
  const emb = await ort.InferenceSession.create(path.join(dir, 'embed_tokens.onnx'), opts);
  const dec = await ort.InferenceSession.create(path.join(dir, decFile), opts);
  const H = cfg.hidden_size, V = cfg.vocab_size, L = cfg.num_hidden_layers, KV = cfg.num_key_value_heads, D = cfg.head_dim;
  const pix = f32('pixel_values.f32');

  async function prefill(ids) {
    const t0 = process.hrtime.bigint();
    const img = (await vis.run({ pixel_values: new ort.Tensor('float32', pix, par.pixel_values_shape) })).image_features;
    const e = (await emb.run({ input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]) })).inputs_embeds;
    const x = new Float32Array(e.data);
    let k = 0;
    for (let s = 0; s < ids.length; s++) if (ids[s] === cfg.image_token_id) { x.set(img.data.subarray(k * H, (k + 1) * H), s * H); k++; }
    const feeds = {
      inputs_embeds: new ort.Tensor('float32', x, [1, ids.length, H]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]),
      position_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map((_, i) => BigInt(i))), [1, ids.length]),
    };
    for (let i = 0; i < L; i++) for (const kind of ['key', 'value'])
      feeds[`past_key_values.${i}.${kind}`] = new ort.Tensor('float32', new Float32Array(0), [1, KV, 0, D]);
    const out = await dec.run(feeds);
    return { img, out, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  }

  async function step(tok, T, out) {
    const e = (await emb.run({ input_ids: new ort.Tensor('int64', BigInt64Array.from([BigInt(tok)]), [1, 1]) })).inputs_embeds;
    const feeds = {
      inputs_embeds: e,
      attention_mask: new ort.Tensor('int64', new BigInt64Array(T + 1).fill(1n), [1, T + 1]),
      position_ids: new ort.Tensor('int64', BigInt64Array.from([BigInt(T)]), [1, 1]),
    };
    for (let i = 0; i < L; i++) for (const kind of ['key', 'value']) feeds[`past_key_values.${i}.${kind}`] = out[`present.${i}.${kind}`];
    return dec.run(feeds);
  }

  if (!bench) {
    const ids = par.input_ids;
    const { img, out } = await prefill(ids);
    const r = { decoder: decFile, image_features_max_abs_diff: maxDiff(img.data, f32('image_features.f32')),
      prefill_logits_max_abs_diff: maxDiff(out.logits.data, f32('prefill_logits.f32')) };
    const steps = f32('step_logits.f32');
    let o = out, T = ids.length, sd = 0;
    const greedy = [argmax(out.logits.data, (ids.length - 1) * V, V)];
    for (let i = 0; i < par.decode_steps; i++) {
      o = await step(greedy[i], T, o); T++;
      sd = Math.max(sd, maxDiff(o.logits.data, steps.subarray(i * V, (i + 1) * V)));
      if (i < par.decode_steps - 1) greedy.push(argmax(o.logits.data, 0, V));
    }
    r.step_logits_max_abs_diff = sd;
    r.greedy_identical = JSON.stringify(greedy) === JSON.stringify(par.greedy_tokens);
    console.log(JSON.stringify(r));
    return;
  }
  // bench: one image + 64 text tokens of prompt (image tokens on top), then 64 decode steps
  const text = par.input_ids.filter((t) => t !== cfg.image_token_id);
  const ids = [];
  for (let i = 0; ids.length < 64; i++) ids.push(text[i % text.length]);
  ids.splice(3, 0, ...Array(cfg.image_seq_len).fill(cfg.image_token_id));
  for (let w = 0; w < 3; w++) await prefill(ids);
  const ttft = [];
  let last;
  for (let r = 0; r < 10; r++) { last = await prefill(ids); ttft.push(last.ms); }
  ttft.sort((a, b) => a - b);
  let o = last.out, T = ids.length;
  const n = 64, t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) { o = await step(argmax(o.logits.data, (o.logits.dims[1] - 1) * V, V), T, o); T++; }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({ engine: 'onnxruntime-node 1.30 (dev check)', decoder: decFile, prompt_tokens: ids.length,
    ttft_ms_median: ttft[5], decode_tokens_per_s: n / s }));
})().catch((e) => { console.error(e); process.exit(1); });
