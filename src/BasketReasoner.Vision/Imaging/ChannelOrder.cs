namespace BasketReasoner.Vision.Imaging;

/// <summary>Which colour each plane of a model's planar input holds.</summary>
public enum ChannelOrder
{
    /// <summary>Planes red, green, blue (torchvision-trained models).</summary>
    Rgb,

    /// <summary>Planes blue, green, red (OpenCV-fed models such as PaddleOCR's).</summary>
    Bgr,
}
