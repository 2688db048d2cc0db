using BasketReasoner.Core.Events;
using BasketReasoner.Server.Carts;
using BasketReasoner.Server.Hosting;

namespace BasketReasoner.Server.Api;

/// <summary>Checks an event request field by field; the first problem found is the message.</summary>
internal static class EventValidation
{
    public static (IncomingEvent? Event, int Status, string? Error) Validate(EventRequest? r, CartServerOptions limits)
    {
        if (r is null)
        {
            return (null, 400, "The body must be a JSON object with id, type, weight_delta_g and frames.");
        }

        if (string.IsNullOrWhiteSpace(r.Id) || r.Id.Length > 128)
        {
            return (null, 400, "'id' is required: a client-chosen event id of 1 to 128 characters (a retry reuses it).");
        }

        CartEventType type;
        switch (r.Type)
        {
            case "add":
                type = CartEventType.Add;
                break;
            case "remove":
                type = CartEventType.Remove;
                break;
            default:
                return (null, 400, $"'type' must be \"add\" or \"remove\", not {(r.Type is null ? "missing" : $"\"{r.Type}\"")}.");
        }

        if (r.WeightDeltaG is { } w && (!double.IsFinite(w) || Math.Abs(w) > 100_000))
        {
            return (null, 400, $"'weight_delta_g' must be a finite number of grams within ±100000 or null, not {w}.");
        }

        if (r.Frames is null || r.Frames.Count == 0)
        {
            return (null, 400, "'frames' must hold at least one {camera, jpeg} frame.");
        }

        if (r.Frames.Count > limits.MaxFrames)
        {
            return (null, 400, $"At most {limits.MaxFrames} frames per event; got {r.Frames.Count}.");
        }

        var frames = new List<ReadOnlyMemory<byte>>(r.Frames.Count);
        for (var i = 0; i < r.Frames.Count; i++)
        {
            var jpeg = r.Frames[i]?.Jpeg;
            if (string.IsNullOrEmpty(jpeg))
            {
                return (null, 400, $"frames[{i}].jpeg is missing: each frame is a base64 JPEG.");
            }

            // Base64 is 4 characters per 3 bytes: refuse before decoding anything too large.
            if ((long)jpeg.Length * 3 / 4 > limits.MaxFrameBytes)
            {
                return (null, 413, $"frames[{i}] is larger than the {limits.MaxFrameBytes} byte limit per frame.");
            }

            var bytes = new byte[jpeg.Length * 3 / 4 + 3];
            if (!Convert.TryFromBase64String(jpeg, bytes, out var n))
            {
                return (null, 400, $"frames[{i}].jpeg is not valid base64.");
            }

            if (n < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8)
            {
                return (null, 400, $"frames[{i}] is not a JPEG (it does not start with the JPEG SOI marker).");
            }

            frames.Add(bytes.AsMemory(0, n));
        }

        return (new IncomingEvent(r.Id, type, r.WeightDeltaG, frames), 200, null);
    }
}
