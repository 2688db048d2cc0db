using System.Text.Json.Nodes;
using BasketReasoner.Core.Vision;

namespace BasketReasoner.Eval.Detection;

/// <summary>One annotated scene frame: every item at least 30 % visible in it.</summary>
public sealed record SceneAnnotation(string Image, string Camera, IReadOnlyList<ItemBox> Boxes);

/// <summary>Reads a scene folder's <c>annotations.jsonl</c> (one frame per line).</summary>
public static class SceneAnnotations
{
    /// <exception cref="FormatException">A line is not an annotation; the message names the line.</exception>
    public static List<SceneAnnotation> Read(string path)
    {
        var list = new List<SceneAnnotation>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var o = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("not a JSON object");
                var image = o["image"]?.GetValue<string>() ?? throw new FormatException("no 'image'");
                var boxes = (o["boxes"] as JsonArray ?? throw new FormatException("no 'boxes' array"))
                    .Select(b => b is JsonArray { Count: 4 } a
                        ? new ItemBox(a[0]!.GetValue<float>(), a[1]!.GetValue<float>(), a[2]!.GetValue<float>(), a[3]!.GetValue<float>())
                        : throw new FormatException("a box must be [x0, y0, x1, y1]"))
                    .ToArray();
                list.Add(new SceneAnnotation(image, o["camera"]?.GetValue<string>() ?? "", boxes));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"{path} line {lineNo}: {ex.Message}", ex);
            }
        }

        return list;
    }
}
