using System.Text;
using Microsoft.AspNetCore.Http;

namespace BasketReasoner.Server.Api;

/// <summary>Writes <c>text/event-stream</c> frames and flushes each one.</summary>
internal static class ServerSentEvents
{
    public static void Start(HttpResponse response)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    public static async Task WriteAsync(HttpResponse response, string? name, string data, CancellationToken ct)
    {
        var sb = new StringBuilder();
        if (name is not null)
        {
            sb.Append("event: ").Append(name).Append('\n');
        }

        foreach (var line in data.Split('\n'))
        {
            sb.Append("data: ").Append(line).Append('\n');
        }

        sb.Append('\n');
        await response.WriteAsync(sb.ToString(), ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
    }
}
