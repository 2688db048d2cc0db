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

        if (string.IsNullOrWhiteSpace(r.Id))
        {
            return (null, 400, "'id' is required: a client-chosen event id of 1 to 128 characters (a retry reuses it).");
        }

        if (r.Id.Length > ResourceIds.MaxLength)
        {
            return (null, 400, $"'id' is {r.Id.Length} characters long; an id is at most {ResourceIds.MaxLength}.");
        }

        // The id is read back at GET .../events/{id}: one that cannot be a path segment ('a/b') could never be.
        if (!ResourceIds.IsValid(r.Id))
        {
            return (null, 400, $"'id' must be {ResourceIds.Rule} (it is read back at GET /v1/carts/{{cartId}}/events/{{id}}), not \"{r.Id}\".");
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

        // The scale's change has the event's sign: an add cannot make the cart lighter, nor a remove heavier.
        if (r.WeightDeltaG is { } signed && (type == CartEventType.Add ? signed < 0 : signed > 0))
        {
            return (null, 400, type == CartEventType.Add
                ? $"'weight_delta_g' is {signed} for an add: an add makes the cart heavier (0 or more grams, or null)."
                : $"'weight_delta_g' is {signed} for a remove: a remove makes the cart lighter (0 or fewer grams, or null).");
        }

        if (r.Frames is null || r.Frames.Count == 0)
        {
            return (null, 400, "'frames' must hold at least one {camera, jpeg} frame.");
        }

        if (r.Frames.Count > limits.MaxFrames)
        {
            return (null, 400, $"At most {limits.MaxFrames} frames per event; got {r.Frames.Count}.");
        }

        // A camera name, when given, is printable and names one frame of the event: two frames of one event from one
        // camera are one camera's view sent twice (fused as two cameras, it would count double). With before/after
        // frames the name picks the calibration, so there it is required; a close-up may come without one, as clients
        // written before the rule send it.
        var paired = r.Frames.Any(f => f?.Before is not null || f?.After is not null);
        var cameras = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < r.Frames.Count; i++)
        {
            var camera = r.Frames[i]?.Camera;
            if ((paired || camera is not null) && CameraProblem(camera, $"frames[{i}].camera") is { } problem)
            {
                return (null, 400, problem);
            }

            if (camera is not null && !cameras.Add(camera))
            {
                return (null, 400, $"frames[{i}] repeats camera '{camera}': send one frame per camera.");
            }
        }

        var frames = new List<ReadOnlyMemory<byte>>(r.Frames.Count);
        var pairs = paired ? new List<CameraFramePair>(r.Frames.Count) : null;
        for (var i = 0; i < r.Frames.Count; i++)
        {
            var f = r.Frames[i];
            if (!paired)
            {
                var (jpeg, status, error) = Jpeg(f?.Jpeg, $"frames[{i}].jpeg", limits);
                if (error is not null)
                {
                    return (null, status, error);
                }

                frames.Add(jpeg);
                continue;
            }

            if (f?.Jpeg is not null)
            {
                return (null, 400, $"frames[{i}] has 'jpeg' while other frames have before/after: send one kind per event.");
            }

            var camera = f!.Camera!;
            var (before, bs, be) = Jpeg(f.Before, $"frames[{i}].before", limits);
            if (be is not null)
            {
                return (null, bs, be);
            }

            var (after, @as, ae) = Jpeg(f.After, $"frames[{i}].after", limits);
            if (ae is not null)
            {
                return (null, @as, ae);
            }

            pairs!.Add(new CameraFramePair(camera, before, after));
            // The frame that shows the item whole goes to the later stages (on-device model, cloud) as before.
            frames.Add(type == CartEventType.Add ? after : before);
        }

        return (new IncomingEvent(r.Id, type, r.WeightDeltaG, frames) { Pairs = pairs }, 200, null);
    }

    /// <summary>The longest camera name: 64 characters.</summary>
    public const int MaxCameraLength = 64;

    // A camera name is logged and shown to staff: printable text of 1 to 64 characters, never a control character.
    private static string? CameraProblem(string? camera, string name)
    {
        if (string.IsNullOrWhiteSpace(camera))
        {
            return $"{name} {(camera is null ? "is required with before/after frames" : "is empty")}: the name of the camera that took the frame (1 to {MaxCameraLength} printable characters, e.g. \"top\").";
        }

        if (camera.Length > MaxCameraLength)
        {
            return $"{name} is {camera.Length} characters long; a camera name is at most {MaxCameraLength}.";
        }

        for (var i = 0; i < camera.Length; i++)
        {
            if (char.IsControl(camera[i]))
            {
                return $"{name} holds a control character (U+{(int)camera[i]:X4}) at position {i + 1}: a camera name is printable text.";
            }
        }

        return null;
    }

    // Base64 → bytes with a size limit, a JPEG signature check and a complete (scaled) decode.
    private static (ReadOnlyMemory<byte> Bytes, int Status, string? Error) Jpeg(string? base64, string name, CartServerOptions limits)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return (default, 400, $"{name} is missing: each frame is a base64 JPEG.");
        }

        // Base64 is 4 characters per 3 bytes: refuse before decoding anything too large.
        if ((long)base64.Length * 3 / 4 > limits.MaxFrameBytes)
        {
            return (default, 413, $"{name} is larger than the {limits.MaxFrameBytes} byte limit per frame.");
        }

        var bytes = new byte[base64.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var n))
        {
            return (default, 400, $"{name} is not valid base64.");
        }

        if (n < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8)
        {
            return (default, 400, $"{name} is not a JPEG (it does not start with the JPEG SOI marker).");
        }

        if (JpegCheck.Problem(bytes.AsSpan(0, n)) is { } problem)
        {
            return (default, 400, $"{name} {problem}.");
        }

        return (bytes.AsMemory(0, n), 200, null);
    }
}
