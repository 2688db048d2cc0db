using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using BasketReasoner.Core.Prompts;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Eval.Harness.Systems;

/// <summary>
/// An <see cref="ICandidateChooser"/> over any <see cref="IChatClient"/>: the <c>choose-product</c> prompt lists the
/// numbered candidates, the frames go along as images, and the reply must name one candidate by number or id. The
/// chosen candidate gets probability 1 (a chat reply carries no calibrated probabilities).
/// </summary>
public sealed partial class ChatCandidateChooser : ICandidateChooser
{
    private readonly IChatClient _client;
    private readonly PromptFile _prompt;
    private readonly Func<ChatOptions> _options;
    private readonly ProductCatalog _catalog;
    private readonly bool _sendImages;

    /// <param name="client">The model.</param>
    /// <param name="prompt">A <c>choose-product</c> template using {{event}}, {{weight}}, {{candidates}}, {{count}}.</param>
    /// <param name="options">Fresh options per call (temperature, seed...).</param>
    /// <param name="catalog">Facts shown per candidate.</param>
    /// <param name="sendImages">Attach the frames. Default true.</param>
    /// <param name="stage">Stage name.</param>
    public ChatCandidateChooser(IChatClient client, PromptFile prompt, Func<ChatOptions> options, ProductCatalog catalog, bool sendImages = true, string stage = "chat")
    {
        _client = client;
        _prompt = prompt;
        _options = options;
        _catalog = catalog;
        _sendImages = sendImages;
        Stage = stage;
    }

    public string Stage { get; }

    public async Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (system, user) = _prompt.Render(Values(request));
        var userMessage = new ChatMessage(ChatRole.User, user);
        if (_sendImages)
        {
            foreach (var image in request.Images)
            {
                userMessage.Contents.Add(new DataContent(image, MediaType(image.Span)));
            }
        }

        var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.System, system), userMessage], _options(), cancellationToken).ConfigureAwait(false);
        var input = (int)(response.Usage?.InputTokenCount ?? 0);
        var output = (int)(response.Usage?.OutputTokenCount ?? 0);
        var text = response.Text;
        var index = Parse(text, request.Candidates);
        if (index < 0)
        {
            throw new UnparsableChoiceException(text, input, output);
        }

        var chosen = request.Candidates[index].ProductId;
        var probabilities = request.Candidates.ToDictionary(c => c.ProductId, c => c.ProductId == chosen ? 1.0 : 0.0);
        return new CandidateChoice(chosen, 1.0, probabilities, input, output);
    }

    /// <summary>The candidate the reply names: an <c>ANSWER: n</c> line, else the first candidate id in it, else a
    /// lone number in range; -1 when none.</summary>
    public static int Parse(string reply, IReadOnlyList<ChoiceCandidate> candidates)
    {
        var answer = AnswerLine().Match(reply);
        if (answer.Success && TryNumber(answer.Groups[1].Value, candidates.Count, out var n))
        {
            return n;
        }

        var best = -1;
        var bestAt = int.MaxValue;
        for (var i = 0; i < candidates.Count; i++)
        {
            var at = reply.IndexOf(candidates[i].ProductId, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (at < bestAt || (at == bestAt && candidates[i].ProductId.Length > candidates[best].ProductId.Length)))
            {
                best = i;
                bestAt = at;
            }
        }

        if (best >= 0)
        {
            return best;
        }

        var lone = LoneNumber().Match(reply.Trim());
        return lone.Success && TryNumber(lone.Groups[1].Value, candidates.Count, out var m) ? m : -1;
    }

    private static bool TryNumber(string s, int count, out int index)
    {
        index = int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= count ? n - 1 : -1;
        return index >= 0;
    }

    private Dictionary<string, string> Values(ChoiceRequest request)
    {
        var list = new StringBuilder();
        for (var i = 0; i < request.Candidates.Count; i++)
        {
            var c = request.Candidates[i];
            list.Append(CultureInfo.InvariantCulture, $"{i + 1}. {c.ProductId} — {c.DisplayName}");
            if (_catalog.TryGet(c.ProductId, out var p))
            {
                list.Append(CultureInfo.InvariantCulture, $" ({(p.IsLoose ? "loose, about" : "pack,")} {p.UnitWeightGrams:0} g{(p.IsLoose ? " per piece" : "")})");
            }

            list.Append('\n');
        }

        return new Dictionary<string, string>
        {
            ["event"] = request.Type == CartEventType.Add ? "put into" : "taken out of",
            ["weight"] = request.WeightDeltaGrams is { } w ? string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(w):0} g") : "not measured",
            ["candidates"] = list.ToString().TrimEnd(),
            ["count"] = request.Candidates.Count.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string MediaType(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 3 && bytes[0] == 0x89 && bytes[1] == (byte)'P' ? "image/png" : "image/jpeg";

    [GeneratedRegex(@"ANSWER\s*[:=]\s*(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerLine();

    [GeneratedRegex(@"^(\d+)\.?$")]
    private static partial Regex LoneNumber();
}
