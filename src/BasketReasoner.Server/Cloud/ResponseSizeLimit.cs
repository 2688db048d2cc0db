namespace BasketReasoner.Server.Cloud;

/// <summary>
/// Reads the cloud's answer only up to <paramref name="maxBytes"/>: a candidate choice is a few hundred bytes, and a
/// cloud that answers hundreds of megabytes (broken, or hostile) must fail the stage, not fill the cart computer's
/// memory (each retry read the whole body; 200 MB left the edge at 2.7 GB).
/// </summary>
internal sealed class ResponseSizeLimit(long maxBytes, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            response.Dispose();
            throw new HttpRequestException($"the cloud's answer is larger than {maxBytes} bytes");
        }

        var buffer = new MemoryStream();
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            var chunk = new byte[16 * 1024];
            int n;
            while ((n = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > maxBytes)
                {
                    response.Dispose();
                    throw new HttpRequestException($"the cloud's answer is larger than {maxBytes} bytes");
                }

                buffer.Write(chunk, 0, n);
            }
        }

        var content = new ByteArrayContent(buffer.ToArray());
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        content.Headers.ContentLength = buffer.Length;
        response.Content = content;
        return response;
    }
}
