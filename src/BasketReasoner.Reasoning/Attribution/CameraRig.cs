using System.Text.Json.Nodes;

namespace BasketReasoner.Reasoning.Attribution;

/// <summary>
/// The cart's fixed cameras and their calibration (<c>cameras.json</c>: frame size and, per camera, the homography
/// <c>floor_from_image</c> from image pixels to cart-floor coordinates in [0, 1]²). Calibrated once per cart.
/// </summary>
public sealed class CameraRig
{
    private readonly Dictionary<string, Homography> _floorFromImage;

    public CameraRig(IReadOnlyDictionary<string, Homography> floorFromImage, int frameWidth, int frameHeight)
    {
        _floorFromImage = new Dictionary<string, Homography>(floorFromImage, StringComparer.Ordinal);
        (FrameWidth, FrameHeight) = (frameWidth, frameHeight);
    }

    public int FrameWidth { get; }

    public int FrameHeight { get; }

    public IEnumerable<string> Cameras => _floorFromImage.Keys;

    public bool TryGetFloorFromImage(string camera, out Homography h) => _floorFromImage.TryGetValue(camera, out h);

    /// <exception cref="FormatException">The file is not a cameras.json.</exception>
    public static CameraRig Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException($"{path}: must be a JSON object");
        try
        {
            var size = root["frame_size"] as JsonArray ?? throw new FormatException($"{path}: 'frame_size' must be [W, H]");
            var cameras = root["cameras"] as JsonObject ?? throw new FormatException($"{path}: 'cameras' must be an object");
            var map = new Dictionary<string, Homography>(StringComparer.Ordinal);
            foreach (var (name, node) in cameras)
            {
                var h = node?["floor_from_image"] as JsonArray ?? throw new FormatException($"{path}: camera '{name}' has no 'floor_from_image' array");
                map[name] = new Homography(h.Select(v => v?.GetValue<double>() ?? double.NaN).ToArray());
            }

            return new CameraRig(map, size[0]!.GetValue<int>(), size[1]!.GetValue<int>());
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NullReferenceException)
        {
            throw new FormatException($"{path}: {ex.Message}", ex);
        }
    }
}
