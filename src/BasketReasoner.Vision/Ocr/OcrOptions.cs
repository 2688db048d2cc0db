namespace BasketReasoner.Vision.Ocr;

/// <summary>
/// Settings of the PP-OCRv4 label reader. Defaults follow PaddleOCR's inference defaults
/// (<c>tools/infer/utility.py</c>: <c>det_db_thresh</c> 0.3, <c>det_db_unclip_ratio</c> 1.5, <c>max_candidates</c>
/// 1000, <c>rec_image_shape</c> 3×48×320, <c>drop_score</c> 0.5) and RapidOCR's PP-OCRv4 config
/// (<c>python/rapidocr/config.yaml</c>: <c>limit_type: min</c>, <c>limit_side_len: 736</c>, <c>box_thresh</c> 0.5),
/// which upscales small frames such as the cart camera's 348 px ones.
/// </summary>
public sealed class OcrOptions
{
    /// <summary>Detector file in the model folder. Default: <c>ch_PP-OCRv4_det_infer.onnx</c>.</summary>
    public string DetectorFile { get; set; } = "ch_PP-OCRv4_det_infer.onnx";

    /// <summary>Recognizer file in the model folder. Default: <c>ch_PP-OCRv4_rec_infer.onnx</c>.</summary>
    public string RecognizerFile { get; set; } = "ch_PP-OCRv4_rec_infer.onnx";

    /// <summary>Character list of the recognizer, one per line. Default: <c>ppocr_keys_v1.txt</c>.</summary>
    public string KeysFile { get; set; } = "ppocr_keys_v1.txt";

    /// <summary>
    /// Frames whose shorter side is below this are upscaled to it before detection (RapidOCR's <c>limit_type: min</c>);
    /// 0 turns upscaling off. Default: 736.
    /// </summary>
    public int DetectorMinSide { get; set; } = 736;

    /// <summary>
    /// The longer side of the detector input is capped at this (PaddleOCR's <c>det_limit_side_len</c> with
    /// <c>limit_type: max</c>). Default: 960.
    /// </summary>
    public int DetectorMaxSide { get; set; } = 960;

    /// <summary>Probability above which a map pixel is text (<c>det_db_thresh</c>). Default: 0.3.</summary>
    public float BinaryThreshold { get; set; } = 0.3f;

    /// <summary>Boxes whose mean text probability is below this are dropped (<c>det_db_box_thresh</c>). Default: 0.5.</summary>
    public float BoxThreshold { get; set; } = 0.5f;

    /// <summary>
    /// How far a shrunk DB kernel is grown back: offset distance = area × ratio / perimeter
    /// (<c>det_db_unclip_ratio</c>, from the DB paper's label generation). Default: 1.5.
    /// </summary>
    public float UnclipRatio { get; set; } = 1.5f;

    /// <summary>Largest number of components turned into boxes (<c>max_candidates</c>). Default: 1000.</summary>
    public int MaxCandidates { get; set; } = 1000;

    /// <summary>Boxes whose shorter side (in map pixels) is below this are dropped (<c>min_size</c>). Default: 3.</summary>
    public int MinBoxSide { get; set; } = 3;

    /// <summary>Recognizer input height (<c>rec_image_shape</c>). Default: 48.</summary>
    public int RecognizerHeight { get; set; } = 48;

    /// <summary>Recognizer input width a line is padded to at least (<c>rec_image_shape</c>). Default: 320.</summary>
    public int RecognizerMinWidth { get; set; } = 320;

    /// <summary>Widest recognizer input; longer lines are squeezed. Default: 1280.</summary>
    public int RecognizerMaxWidth { get; set; } = 1280;

    /// <summary>Lines decoded with a lower confidence are dropped (<c>drop_score</c>). Default: 0.5.</summary>
    public float MinTextConfidence { get; set; } = 0.5f;

    /// <summary>Most lines recognised per frame, the highest-scoring boxes first; bounds the cost. Default: 24.</summary>
    public int MaxLines { get; set; } = 24;

    /// <summary>Largest frame side accepted, to bound the decode buffer. Default: 4096.</summary>
    public int MaxFrameSide { get; set; } = 4096;

    /// <summary>ONNX Runtime intra-op threads. Default: 1 (the cart computer runs one worker per core).</summary>
    public int IntraOpThreads { get; set; } = 1;
}
