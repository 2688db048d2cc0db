using System.Net;
using BasketReasoner.Server.Cloud;

namespace BasketReasoner.Server.Tests.Escalation;

/// <summary>The cloud's answer is read only up to a bound: a huge body fails the stage instead of filling memory.</summary>
public sealed class CloudAnswerSizeTests
{
    [Theory]
    [InlineData(true)]   // Content-Length says so at once
    [InlineData(false)]  // chunked: found while reading
    public async Task SendAsync_AnswerOverTheBound_FailsWithoutReadingItAll(bool declared)
    {
        var inner = new Answering(3 << 20, declared);
        using var http = new HttpClient(new ResponseSizeLimit(1 << 20, inner));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("http://cloud.invalid/v1/chat/completions"));

        Assert.Contains("larger than 1048576 bytes", ex.Message, StringComparison.Ordinal);
        Assert.True(inner.Served <= (1 << 20) + (64 << 10), $"read {inner.Served} bytes of a 3 MiB answer");
    }

    [Fact]
    public async Task SendAsync_AnswerUnderTheBound_PassedOnWhole()
    {
        using var http = new HttpClient(new ResponseSizeLimit(1 << 20, new Answering(300, declared: true)));

        var body = await http.GetByteArrayAsync("http://cloud.invalid/v1/chat/completions");

        Assert.Equal(300, body.Length);
    }

    // Serves a body of the given size, counting the bytes actually read from it.
    private sealed class Answering(int size, bool declared) : HttpMessageHandler
    {
        private Counting? _stream;

        public long Served => _stream?.Served ?? 0;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _stream = new Counting(new byte[size]);
            var content = new StreamContent(_stream);
            content.Headers.ContentLength = declared ? size : null;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }

    // MemoryStream's async reads go through Read(Span<byte>): counted there once.
    private sealed class Counting(byte[] bytes) : MemoryStream(bytes)
    {
        public long Served { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            Served += n;
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = base.Read(buffer);
            Served += n;
            return n;
        }
    }
}
