using System.Net;
using System.Net.Sockets;
using BasketReasoner.Tests.Infrastructure;

namespace BasketReasoner.Tests.Cli;

/// <summary><c>basket cart</c>'s own refusals; its runs against a live server are in the server tests (CartFleetTests).</summary>
public sealed class CartCommandTests : IDisposable
{
    private readonly string _keys = Path.Combine(Path.GetTempPath(), $"cart-keys-{Guid.NewGuid():N}.json");

    public CartCommandTests() => File.WriteAllText(_keys, """{"cart-1": "key-for-cart-1-0123456789"}""");

    public void Dispose() => File.Delete(_keys);

    [Fact]
    public void Cart_MoreCartsThanKeys_OneLineExit2()
    {
        var run = BasketCli.RunCaptured("cart", "--keys", _keys, "--carts", "3");

        Assert.Equal(2, run.Exit);
        Assert.Equal($"basket: --carts: 3 carts asked for, but '{_keys}' holds 1\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Cart_NoServerListening_OneLineExit1()
    {
        // A port that was free a moment ago: nothing listens there.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var run = BasketCli.RunCaptured("cart", "--keys", _keys, "--url", $"http://127.0.0.1:{port}");

        Assert.True(run.Exit == 1, $"exit {run.Exit}\n{run.Stdout}{run.Stderr}");
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"basket: cannot reach the server at http://127.0.0.1:{port}/", line, StringComparison.Ordinal);
    }
}
