using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using BasketReasoner.Client;
using BasketReasoner.Composition;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;
using BasketReasoner.Eval.Driving;
using BasketReasoner.Eval.Scale;
using BasketReasoner.Eval.Simulation;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket cart --keys FILE [--url URL] [--carts N] [--sessions N | --minutes M] [--speed X]</c>: simulated carts
/// drive a running <c>basket serve</c> over HTTP with the typed client (raw scale readings and camera frames, the
/// shopper answering with the truth), then the run is scored (<see cref="CartFleet"/>).
/// </summary>
internal static class CartCommand
{
    public static Command Create()
    {
        var sim = new SimulatorOptions();
        var url = new Option<string>("--url") { Description = "The server's base URL", DefaultValueFactory = _ => "http://127.0.0.1:5080" }
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? null : "is not an absolute http(s) URL");
        var keys = new Option<string>("--keys") { Description = "JSON {\"cart-id\": \"key\"} of the carts to drive (the server's Server:CartKeysFile)", Required = true };
        var carts = new Option<int>("--carts") { Description = "Carts driven at once (the first N of --keys)", DefaultValueFactory = _ => 1 }.Between(1, 1000);
        var sessions = new Option<int>("--sessions") { Description = "Sessions each cart replays back to back", DefaultValueFactory = _ => 1 }.Between(1, 1000);
        var minutes = new Option<double?>("--minutes") { Description = "Instead of --sessions: as many sessions as make at least this many minutes of readings per cart" }.Between(0.1, 600.0);
        var speed = new Option<double>("--speed") { Description = "Stream time per wall time (1 = real time)", DefaultValueFactory = _ => 1 }.Between(0.01, 10000.0);
        var batchMs = new Option<double>("--batch-ms") { Description = "Milliseconds of readings per POST /scale", DefaultValueFactory = _ => 500 }.Between(10.0, 10000.0);
        var split = new Option<string>("--split") { Description = "Dataset split whose images the sessions use", DefaultValueFactory = _ => "test" }.OneOf(CommonOptions.Splits);
        var seed = new Option<int>("--seed") { Description = "Session simulator seed", DefaultValueFactory = _ => sim.Seed };
        var scaleSeed = new Option<int>("--scale-seed") { Description = "Scale simulator seed of cart 0 (cart k: + k)", DefaultValueFactory = _ => 1 };
        var dataRoot = CommonOptions.DataRoot();
        var catalog = CommonOptions.Catalog();
        var json = CommonOptions.Json();
        var command = new Command("cart", "Drive a running server with simulated carts (raw scale readings + camera frames) and score weight events and baskets")
        {
            url, keys, carts, sessions, minutes, speed, batchMs, split, seed, scaleSeed, dataRoot, catalog, json,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(minutes) is { Implicit: false } && r.GetResult(sessions) is { Implicit: false })
            {
                r.AddError("--minutes: give either --sessions or --minutes, not both");
            }
        });
        command.SetAction((parse, ct) => CommandAction.RunAsync(parse, async (stdout, stderr) =>
        {
            var cartKeys = ReadKeys(parse.GetValue(keys)!);
            var n = parse.GetValue(carts);
            if (cartKeys.Count < n)
            {
                throw new UsageException($"--carts: {n} carts asked for, but '{parse.GetValue(keys)}' holds {cartKeys.Count}");
            }

            var options = new CartDriveOptions
            {
                SessionsPerCart = parse.GetValue(sessions),
                Minutes = parse.GetValue(minutes),
                Speed = parse.GetValue(speed),
                BatchMs = parse.GetValue(batchMs),
                Signal = new ScaleSignalOptions { Seed = parse.GetValue(scaleSeed) },
            };
            var root = DataRoot.Resolve(parse.GetValue(dataRoot));
            var products = ProductCatalog.Load(parse.GetValue(catalog) ?? DefaultAssets.CatalogPath);

            // With --minutes a cart may need many sessions; simulate enough for the longest case.
            var perCart = options.Minutes is { } m ? Math.Max(1, (int)Math.Ceiling(m * 2)) : options.SessionsPerCart;
            var simulated = new SessionSimulator(products, SplitFile.Read(root, parse.GetValue(split)!), new SimulatorOptions { Seed = parse.GetValue(seed) })
                .Generate(n * perCart);
            var trips = CartFleet.Plan(simulated, n, products, options);
            var chosen = cartKeys.Take(n).ToArray();
            var baseUrl = new Uri(parse.GetValue(url)!);
            var https = chosen.ToDictionary(c => c.Key, c => Http(baseUrl, c.Value), StringComparer.Ordinal);
            try
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"driving {n} carts at {options.Speed}x: {trips.Sum(t => t.Events.Count)} events, {trips.Sum(t => t.Stream.DurationSeconds) / 60:F1} min of readings in all"));
                var report = await CartFleet.RunAsync(chosen.Select(c => c.Key).ToArray(), id => new CartApiClient(https[id]), trips,
                    DataRoot.ImagesFolder(root), options, ct);
                Print(stdout, report);
                CliJson.Write(parse.GetValue(json), new
                {
                    Carts = report.Carts.Select(c => new
                    {
                        c.CartId,
                        Events = c.Trip.Events.Count,
                        c.Resolved,
                        c.Unweighted,
                        c.DroppedWeightEvents,
                        c.Asks,
                        c.EventsRight,
                        Expected = c.Trip.Expected,
                        c.Added,
                        Differences = c.BasketDifferences.Select(d => new { d.ProductId, d.Expected, d.Got }),
                    }),
                    report.Scale,
                    report.WallSeconds,
                });
                return 0;
            }
            catch (HttpRequestException ex)
            {
                stderr.WriteLine($"basket: cannot reach the server at {baseUrl}: {UsageErrors.OneLine(ex.Message)}");
                return CommandAction.RuntimeFailure;
            }
            catch (CartApiException<ProblemDetails> ex)
            {
                stderr.WriteLine($"basket: the server answered {ex.StatusCode}: {UsageErrors.OneLine(ex.Result.Detail ?? ex.Message)}");
                return CommandAction.RuntimeFailure;
            }
            finally
            {
                foreach (var h in https.Values)
                {
                    h.Dispose();
                }
            }
        }));
        return command;
    }

    private static List<KeyValuePair<string, string>> ReadKeys(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--keys: file '{path}' not found");
        }

        try
        {
            var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
            return keys is { Count: > 0 } ? keys.ToList() : throw new UsageException($"--keys: '{path}' holds no carts");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"--keys: '{path}' is not a JSON object of cart id to key: {ex.Message}");
        }
    }

    private static HttpClient Http(Uri baseUrl, string key)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static void Print(TextWriter o, CartFleetReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        ScaleCommands.Print(o, r.Scale, r.Carts.Select(c => c.Trip.Stream.Seed).ToArray());
        o.WriteLine(string.Create(inv, $"events: {r.Events} true, {r.Carts.Sum(c => c.Resolved)} resolved ({r.Carts.Sum(c => c.Unweighted)} without a weight), "
            + $"{r.Carts.Sum(c => c.DroppedWeightEvents)} weight events dropped with no frame, {r.EventsRight} right after the shopper, "
            + $"{r.Carts.Sum(c => c.Asks)} asks ({r.Carts.Sum(c => c.AsksWithTruthOffered)} with the truth offered)"));
        foreach (var c in r.Carts)
        {
            var diff = c.BasketDifferences;
            o.WriteLine(string.Create(inv, $"{c.CartId}: {c.Trip.Events.Count} events, basket {(diff.Count == 0 ? "exact" : $"{diff.Count} products differ")} "
                + $"(expected {c.Trip.Expected.Sum(l => l.Qty)} items, got {c.Added.Values.Sum()})"));
            foreach (var (id, expected, got) in diff)
            {
                o.WriteLine(string.Create(inv, $"  {id}: expected {expected}, got {got}"));
            }
        }

        o.WriteLine(string.Create(inv, $"baskets exact: {r.BasketsExact}/{r.Carts.Count}; wall {r.WallSeconds:F1} s"));
    }
}
