using System.CommandLine;
using BasketReasoner.Composition;
using BasketReasoner.Composition.Options;
using BasketReasoner.Core.Assistant;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket serve [--urls http://127.0.0.1:5080] [--config FILE]</c>: the cart service (see
/// <c>src/BasketReasoner.Server/README.md</c>) with the real shopper assistant and, unless <c>Server:OnDeviceModel</c> is
/// empty, the on-device VLM (<see cref="BasketParts.All"/>, wired by the composition root). Prints <c>listening on URL</c> once it accepts requests.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Listen address(es); port 0 picks a free port", DefaultValueFactory = _ => "http://127.0.0.1:5080" }
            .Must(UrlsProblem);
        var config = new Option<string?>("--config") { Description = "JSON config file (sections Server, Escalation, Cloud); see deploy/config/" };
        var cmd = new Command("serve", "Run the cart service: events, basket, screen, escalation and the OpenAI-compatible API") { urls, config };
        cmd.SetAction((parse, ct) => CommandAction.RunAsync(parse, async (stdout, _) =>
        {
            RefusePortsInUse(parse.GetValue(urls)!);
            var app = CartServer.Build(new CartServerSettings { Urls = parse.GetValue(urls)!, ConfigFile = parse.GetValue(config) });

            // Index the catalog for the assistant now, so the first question does not pay for it.
            app.Services.GetRequiredService<IShopperAssistant>();

            // Which graph runs is decided by the folder when the config says "default": say it, once.
            var recognizer = app.Services.GetRequiredService<CartPipeline>().Recognizer;
            var options = app.Services.GetRequiredService<BasketOptions>();
            stdout.WriteLine($"recognizer: {recognizer.Graph} from {options.RecognizerFolder}");
            // Two separate facts: whether a generation model is loaded (it serves /v1/chat/completions) and whether it is
            // a stage of the escalation chain (Server:OnDeviceStage, off by default).
            if (app.Services.GetKeyedService<ICandidateChooser>(CartServer.OnDeviceKey) is null)
            {
                stdout.WriteLine(app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(BasketReasoner.Generation.GenerationEngine))
                    ? "note: the on-device model serves /v1/chat/completions but is not an escalation stage (Server:OnDeviceStage is false); events go from fusion to the cloud stage or the shopper."
                    : "note: no on-device model (Server:OnDeviceModel empty or models/vlm not found); events go from fusion to the cloud stage or the shopper.");
            }
            await app.StartAsync();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var a in addresses)
            {
                stdout.WriteLine($"listening on {a}");
            }

            stdout.Flush();

            // SIGTERM / Ctrl+C: stop taking requests, let the in-flight ones (events mid-resolution) finish and be
            // logged, then dispose the services so the event log is closed cleanly; exit 0.
            await using var stopping = ct.Register(() => app.Lifetime.StopApplication());
            await app.WaitForShutdownAsync();
            await app.DisposeAsync();
            stdout.WriteLine("stopped: in-flight requests drained, event log closed");
            return 0;
        }));
        return cmd;
    }

    /// <summary>
    /// A port in use is the commonest start failure; Kestrel reports it through the host's logger on stdout with a
    /// stack trace before the exception arrives here, so try the explicit ports of IP and localhost addresses first and
    /// say it in one line. (A port taken between this check and Kestrel's bind still fails, just less tidily.)
    /// </summary>
    private static void RefusePortsInUse(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Port <= 0)
            {
                continue;
            }

            var address = uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns ? System.Net.IPAddress.Loopback
                : System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip
                : null;
            if (address is null)
            {
                continue;
            }

            var probe = new System.Net.Sockets.TcpListener(address, uri.Port);
            try
            {
                probe.Start();
            }
            catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
            {
                throw new IOException($"--urls: {url}: port {uri.Port} is in use (another basket serve?); pass another --urls, or port 0 for a free one");
            }
            finally
            {
                probe.Stop();
            }
        }
    }

    /// <summary>Kestrel's own error for a malformed address is a multi-line exception at start; say it up front.</summary>
    private static string? UrlsProblem(string? urls)
    {
        var parts = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var bad = parts.FirstOrDefault(u =>
            !(u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            || u[(u.IndexOf("://", StringComparison.Ordinal) + 3)..].Length == 0);
        return parts.Length == 0 ? "is empty: give an address such as http://127.0.0.1:5080"
            : bad is null ? null
            : parts.Length == 1 ? "is not an http:// or https:// address such as http://127.0.0.1:5080"
            : $"has '{bad}', which is not an http:// or https:// address such as http://127.0.0.1:5080";
    }
}
