using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Composition.Options;

/// <summary>The <c>Server</c> section of the server's config file. Every default is stated on its property.</summary>
public sealed class CartServerOptions
{
    public const string Section = "Server";

    /// <summary>
    /// Cart id → that cart's API key (<c>Authorization: Bearer KEY</c>). Prefer <see cref="CartKeysFile"/> for real
    /// keys. Default: none (no cart can be used until one is configured).
    /// </summary>
    public Dictionary<string, string> Carts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A JSON file <c>{"cart-id": "key", ...}</c> merged into <see cref="Carts"/> (the secret). Default: none.</summary>
    public string? CartKeysFile { get; set; }

    /// <summary>
    /// Keys accepted on <c>/v1/chat/completions</c> and <c>/v1/models</c> (the OpenAI-compatible API other carts use
    /// as their cloud fallback). Default: empty, meaning that API is open (loopback development only).
    /// </summary>
    public List<string> ChatApiKeys { get; set; } = [];

    /// <summary>The SQLite event log. Default: <c>var/basket-events.db</c> under the working directory.</summary>
    public string EventLogPath { get; set; } = Path.Combine("var", "basket-events.db");

    /// <summary>
    /// Resolver workers: how many events (of different carts) are resolved at once, each worker with its own buffers
    /// on the shared ONNX sessions. 0: one per core (<see cref="Environment.ProcessorCount"/>). Default: 0; 0 to 256.
    /// </summary>
    public int ResolverWorkers { get; set; }

    /// <summary>Kestrel's limit on any request body. Default: 8 MiB; 64 KiB to 1 GiB (a frame is tens of kilobytes).</summary>
    public long MaxRequestBodyBytes { get; set; } = 8L << 20;

    /// <summary>Largest decoded camera frame. Default: 2 MiB.</summary>
    public int MaxFrameBytes { get; set; } = 2 << 20;

    /// <summary>Most frames (cameras) in one event. Default: 4.</summary>
    public int MaxFrames { get; set; } = 4;

    /// <summary>Longest shopper question, in characters. Default: 500.</summary>
    public int MaxQuestionChars { get; set; } = 500;

    /// <summary>The model id <c>/v1/models</c> lists and completions report. Default: <c>basket-on-device</c>.</summary>
    public string ModelId { get; set; } = "basket-on-device";

    /// <summary>
    /// What serves <c>/v1/chat/completions</c> when no <c>IChatClient</c> is registered: <c>none</c> (503),
    /// <c>recognizer</c> (the constrained candidate choice answered by this server's recognizer from the frames alone)
    /// or <c>fusion</c> (answered by this server's whole evidence fusion: recognizer, retrieval, the request's weight
    /// and label text; what the cloud configuration runs with <see cref="RecognizerModel"/>
    /// <c>models/recognizer-cloud</c>). Default: <c>none</c>.
    /// </summary>
    public string ChatBackend { get; set; } = "none";

    /// <summary>Escalation thresholds file. Default: the embedded <c>config/escalation.json</c>.</summary>
    public string? EscalationConfig { get; set; }

    /// <summary>GroceryStoreDataset folder for candidates' iconic images. Default: <c>DataRoot.Resolve()</c>; images are 404 without it.</summary>
    public string? DataRoot { get; set; }

    /// <summary>
    /// The on-device generative model's folder (a <c>GenerationEngine</c> model, see <c>models/vlm/MODEL_CARD.md</c>),
    /// wired by <c>basket serve</c>: it becomes the keyed <c>on-device</c> chooser and the <c>IChatClient</c> behind
    /// <c>/v1/chat/completions</c>. A relative path is taken from the checkout's root (else the working directory).
    /// Default: <c>models/vlm</c>, skipped when that folder does not exist; empty: no on-device model.
    /// </summary>
    public string? OnDeviceModel { get; set; } = Path.Combine("models", "vlm");

    /// <summary>
    /// Which runtime runs <see cref="OnDeviceModel"/>: <c>ort</c> (the own engine over ONNX Runtime, fp32), <c>llama</c>
    /// (llama.cpp through LLamaSharp, from the folder's <c>basket-vlm-{OnDeviceGguf}.gguf</c>) or <c>genai</c> (ONNX
    /// Runtime GenAI). Tokenisation, image encoding, candidate scoring and JSON constraints are shared, so the answers
    /// are the same up to each runtime's arithmetic (see <c>bench/GENERATION.md</c>). Default: <c>ort</c>.
    /// </summary>
    public string OnDeviceRuntime { get; set; } = "ort";

    /// <summary>
    /// With <see cref="OnDeviceRuntime"/> <c>llama</c>: which GGUF weights, <c>f32</c>, <c>f16</c>, <c>q8_0</c> or
    /// <c>q4_0</c>; the file must exist in the model folder. Default: <c>q8_0</c>.
    /// </summary>
    public string OnDeviceGguf { get; set; } = "q8_0";

    /// <summary>
    /// The on-device chooser's prompt, resolved like <see cref="OnDeviceModel"/>. Default:
    /// <c>prompts/choose-product/on-device.v1.md</c>.
    /// </summary>
    public string OnDevicePrompt { get; set; } = Path.Combine("prompts", "choose-product", "on-device.v1.md");

    /// <summary>
    /// Whether the shopper assistant words its answers with the registered <c>IChatClient</c> (behind its grounding
    /// guard, with <see cref="AssistantPrompt"/>). Default: <c>false</c> — the rules stage answers, because the tiny
    /// on-device VLM words answers poorly (see <c>models/vlm/MODEL_CARD.md</c>). <c>true</c> needs a model whose context
    /// holds the prompt's fixed part and the answer: with the shipped VLM (512 tokens) the start is refused.
    /// </summary>
    public bool AssistantUsesModel { get; set; }

    /// <summary>
    /// Whether the on-device model decides ambiguous items as the escalation chain's <c>on-device</c> stage. Default:
    /// <c>false</c>: tuned on val (<c>basket tune escalation --on-device models/vlm</c>), the VLM's top choice among
    /// the 4 candidates of escalated events is right 45.7 % of the time and no threshold on its probability reaches
    /// the 99.8 % target (best: 74.8 % at 0.95), so <c>Escalation:OnDeviceAcceptThreshold</c> is 1.01 and the stage
    /// would only add latency; the model still serves <c>/v1/chat/completions</c>.
    /// </summary>
    public bool OnDeviceStage { get; set; }

    /// <summary>
    /// The assistant's tool-call model folder (<c>models/toolcall</c>, see its <c>MODEL_CARD.md</c>): each question is
    /// read into a JSON tool call by this model, constrained by the question's schema; a call that fails validation
    /// leaves the question to the rules reader. A relative path is resolved like <see cref="OnDeviceModel"/>; a named
    /// folder must exist. Default: empty, the rules read every question: on the val splits of both shopper question
    /// sets neither policy beat the rules reader (model_first 89.2 % / 85.3 % against 98.6 % / 94.8 %; lexicon_first
    /// equal), and on test lexicon_first lost 3.8 points on the first set.
    /// </summary>
    public string? AssistantToolModel { get; set; }

    /// <summary>
    /// How a valid tool call and the rules reader combine when <see cref="AssistantToolModel"/> is set:
    /// <c>model_first</c> (the call picks the tool and products; the change guard's refusals still stand) or
    /// <c>lexicon_first</c> (the keyword lexicon's reading stands and the model is not asked; the call decides where the
    /// lexicon cannot read the question, before the sentence encoder's nearest exemplars). Default: <c>lexicon_first</c>,
    /// the better of the two on val.
    /// </summary>
    public string AssistantToolPolicy { get; set; } = "lexicon_first";

    /// <summary>
    /// Which graph of the recognizer folder the cart runs: <c>float32</c> (<c>recognizer.onnx</c>), <c>int8</c>
    /// (<c>recognizer.int8.onnx</c>) or <c>default</c>, the folder's own <c>default_precision</c>
    /// (<see cref="BasketReasoner.Vision.Onnx.RecognizerModelCard.DefaultPrecision"/>; the shipped folder names int8).
    /// The chosen graph must exist. Default: <c>default</c>.
    /// </summary>
    public string RecognizerPrecision { get; set; } = RecognizerPrecisionNames.FolderDefault;

    /// <summary>
    /// The recognizer folder this server runs (its graph, <c>recognizer.json</c> and <c>index/</c>), resolved like
    /// <see cref="OnDeviceModel"/>; it must exist and hold the <see cref="RecognizerPrecision"/> graph. Default: empty,
    /// the embedded <c>models/recognizer</c>. The cloud configuration names <c>models/recognizer-cloud</c>.
    /// </summary>
    public string? RecognizerModel { get; set; }

    /// <summary>
    /// Also run each frame's mirror image and average the two views. Default: <c>false</c>, the cart's one view (the
    /// mirror bought no accuracy through the cart's chain for its CPU); the cloud configuration turns it on.
    /// </summary>
    public bool RecognizerMirror { get; set; }

    /// <summary>
    /// The fusion config file (source weights, weight model, label-text gate), resolved like <see cref="OnDeviceModel"/>;
    /// it must exist. Default: empty, the embedded <c>config/fusion.json</c>.
    /// </summary>
    public string? FusionConfig { get; set; }

    /// <summary>The assistant's answer prompt, resolved like <see cref="OnDeviceModel"/>. Default: <c>prompts/assistant/answer.v1.md</c>.</summary>
    public string AssistantPrompt { get; set; } = Path.Combine("prompts", "assistant", "answer.v1.md");

    /// <summary>
    /// Open Food Facts TSV the assistant also answers from. Default: none, meaning the one found beside the dataset
    /// (<c>ReferenceCatalog.FindDefault</c> over <see cref="DataRoot"/>), else the store catalog only.
    /// </summary>
    public string? ReferenceProducts { get; set; }

    /// <summary>
    /// Events that may wait for a resolver worker beyond the ones being resolved; more are refused with 503 and
    /// <c>Retry-After</c> (load shedding) instead of queueing without bound. 1 to 100000. Default: 32.
    /// </summary>
    public int MaxQueuedEvents { get; set; } = 32;

    /// <summary>
    /// Events of one cart that may be admitted at once (they run one at a time; a client's retries of one event count
    /// too); more get 429 with <c>Retry-After</c>, so one cart cannot fill the server's queue. 1 to 1000. Default: 16.
    /// </summary>
    public int MaxQueuedEventsPerCart { get; set; } = 16;

    /// <summary>
    /// Unanswered confirmations one cart may hold; while it holds this many, new events get 429 until the shopper
    /// answers, so the basket (which lists them) stays small. 1 to 1000. Default: 16.
    /// </summary>
    public int MaxPendingConfirmations { get; set; } = 16;

    /// <summary>
    /// Read label text (OCR, tens to hundreds of ms) off the event's request path: an event whose decision still
    /// depends on its label is acknowledged at once with status <c>refining</c> (durable, nothing in the basket yet),
    /// and a refinement worker beside the resolver pool reads the text, fuses again and runs the escalation; its
    /// decision (accepted, or the shopper's prompt) is logged and published on the cart's stream. An event is never
    /// shown to the shopper before its text was read. <c>false</c>: text is read inside the request, as before.
    /// Default: true.
    /// </summary>
    public bool LabelTextOffRequestPath { get; set; } = true;

    /// <summary>
    /// Events that may wait for label-text refinement, server-wide; past it an event is decided at once from fusion
    /// without its label (it goes on to the next stage), so a burst of packs cannot grow the queue without bound.
    /// 1 to 10000. Default: 64.
    /// </summary>
    public int MaxQueuedRefinements { get; set; } = 64;

    /// <summary>
    /// The nice value (0 to 19) of the thread that reads label text off the request path: above 0 its OCR takes a core
    /// only when the requests leave one idle, so the events an acknowledgement waits for are not slowed by it (Linux;
    /// elsewhere it runs at normal priority). Under a sustained overload refinements then wait longer, and past
    /// <see cref="MaxQueuedRefinements"/> events are decided without their label. Default: 10.
    /// </summary>
    public int RefinementNice { get; set; } = 10;

    /// <summary>
    /// Most load-cell samples in one <c>POST /scale</c> batch; a bigger batch is refused with 400. 1 to 100000.
    /// Default: 2000 (20 s at 100 Hz).
    /// </summary>
    public int MaxSamplesPerBatch { get; set; } = 2000;

    /// <summary>
    /// The load cell's nominal sample rate, which sizes the per-cart weight-event detector's windows (the samples'
    /// own timestamps are the clock). 0.001 to 10000. Default: 100 Hz.
    /// </summary>
    public double ScaleSampleRateHz { get; set; } = 100;

    /// <summary>
    /// A frame posted with <c>POST /frames</c> and a weight event of the cart's scale belong to one item when the
    /// frame's <c>t_ms</c> is within this many milliseconds of the weight event's onset (both on the cart's sample
    /// clock). Also how long either waits for the other: a frame with no weight event by then is resolved without a
    /// weight, a weight event with no frame is dropped. 1 to 60000. Default: 2500.
    /// </summary>
    public double FrameJoinWindowMs { get; set; } = 2500;

    /// <summary>
    /// Where the learning flywheel keeps labelled examples (<c>examples.jsonl</c> and <c>frames/</c>): every shopper
    /// confirmation of a product and every cloud decision, with the event's frames and weight, for
    /// <c>basket flywheel export</c>. Default: <c>null</c>, meaning the event log's path without its extension plus
    /// <c>.flywheel</c> (<c>var/basket-events.flywheel/</c>); empty: no examples are kept (the weight statistics still learn).
    /// </summary>
    public string? FlywheelFolder { get; set; }

    /// <summary>
    /// Most examples the flywheel folder holds; once full, new examples are dropped and counted
    /// (<c>basket.flywheel.dropped</c>) and the folder is left as it is, so an export stays reproducible until an
    /// operator exports and empties it. 1 to 10000000. Default: 100000.
    /// </summary>
    public int FlywheelMaxExamples { get; set; } = 100_000;

    /// <summary>Frames one cart may have waiting for their weight event; more get 429. 1 to 1000. Default: 16.</summary>
    public int MaxWaitingFrames { get; set; } = 16;

    /// <summary>
    /// How far ahead of the cart's last accepted reading a frame's <c>t_ms</c> may be, in milliseconds of the readings'
    /// clock, plus the server time that has passed since that reading arrived (a scale that paused); further is a 400.
    /// A frame stamped on another clock (epoch milliseconds against the scale's uptime) would otherwise wait for readings
    /// that never reach it while its weight event is dropped. Checked only once the cart has readings (frames may come
    /// first). 1 to 86400000. Default: 60000 (a minute: far more than a batch of readings lags a frame).
    /// </summary>
    public double MaxFrameLeadMs { get; set; } = 60_000;

    /// <summary>
    /// How far behind the cart's last accepted reading a new frame's <c>t_ms</c> may be, in milliseconds of the readings'
    /// clock; further is a 400 and nothing is kept. A frame stamped on another clock (the scale's uptime against readings
    /// in epoch milliseconds, or a <c>t_ms</c> of 0) would otherwise be resolved at once against a stretch of readings
    /// the server no longer remembers. Within the bound the join remembers what the scale did, so a late frame is told
    /// "no change" only when that is true. Checked only once the cart has readings; a retry of a frame already taken is
    /// answered as before. 1 to 86400000. Default: 60000 (a minute: far more than a frame's upload lags its readings).
    /// </summary>
    public double MaxFrameLagMs { get; set; } = 60_000;

    /// <summary>
    /// How far a batch's first reading may jump ahead of the cart's last accepted reading, in milliseconds of the
    /// readings' clock, plus the server time that has passed since that reading arrived (a cart that stopped sending
    /// for a while); also the most two readings within a batch may be apart. Further is a 400: one reading far in the
    /// future would otherwise set the cart's clock there and make every later batch a 409 until the server restarts.
    /// 1 to 86400000. Default: 60000.
    /// </summary>
    public double MaxScaleGapMs { get; set; } = 60_000;

    /// <summary>
    /// How long a frame may wait for its weight event by the server's own clock (<c>TimeProvider</c>), in milliseconds,
    /// whatever the readings' clock does: past it, the frame is resolved without a weight (as when its window passes on
    /// the readings' clock), reported in the cart's next sensor answer (<c>expired_frames</c>), on its stream
    /// (<c>frame_expired</c>) and counted (<c>basket_frames_expired_total</c>), never kept waiting for readings that do not
    /// come. At least <see cref="FrameJoinWindowMs"/>, at most 3600000. Default: 30000.
    /// </summary>
    public double FrameWaitTimeoutMs { get; set; } = 30_000;
}
