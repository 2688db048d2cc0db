using System.Globalization;
using System.Text;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Escalation;
using BasketReasoner.Core.Events;
using Microsoft.Extensions.AI;

namespace BasketReasoner.Reasoning.Choice;

/// <summary>
/// The one candidate chooser over any <see cref="IChatClient"/>: the cloud stage, the eval harness's chat systems,
/// and whatever serves them (<see cref="ChoosingChatClient"/>) all speak it. It renders <see cref="ChoosePrompt"/>,
/// sends the frames as images and the request as JSON (<see cref="CandidateChoiceMessage"/>), asks for the answer
/// schema, and reads the answer with one parser. Thread-safe when the client is.
/// </summary>
public sealed class ChatCandidateChooser : ICandidateChooser
{
    private readonly IChatClient _client;
    private readonly ChoosePrompt _prompt;
    private readonly Func<ChatOptions> _options;
    private readonly ProductCatalog? _catalog;
    private readonly bool _sendImages;

    /// <param name="client">The model.</param>
    /// <param name="prompt">The template and answer schema.</param>
    /// <param name="options">Fresh options per call (model id, temperature, seed, output budget); the response format is set here.</param>
    /// <param name="catalog">Pack or loose weight shown per candidate; <c>null</c>: names only.</param>
    /// <param name="sendImages">Attach the frames. Default true.</param>
    /// <param name="stage">Stage name recorded on decisions.</param>
    public ChatCandidateChooser(IChatClient client, ChoosePrompt prompt, Func<ChatOptions>? options = null, ProductCatalog? catalog = null, bool sendImages = true, string stage = "chat")
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _prompt = prompt ?? throw new ArgumentNullException(nameof(prompt));
        _options = options ?? (() => new ChatOptions());
        _catalog = catalog;
        _sendImages = sendImages;
        Stage = stage;
    }

    public string Stage { get; }

    /// <exception cref="UnparsableChoiceException">The reply is not a valid choice among the candidates.</exception>
    public async Task<CandidateChoice> ChooseAsync(ChoiceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (system, user) = _prompt.Template.Render(Values(request));
        var userMessage = new ChatMessage(ChatRole.User, [new TextContent(user), new TextContent(CandidateChoiceMessage.RequestJson(request))]);
        if (_sendImages)
        {
            foreach (var image in request.Images)
            {
                userMessage.Contents.Add(new DataContent(image, MediaType(image.Span)));
            }
        }

        var options = _options();
        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(
            _prompt.AnswerSchema(request.Candidates.Select(c => c.ProductId)), CandidateChoiceMessage.SchemaName, "One candidate's id and the confidence that it is right.");
        var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.System, system), userMessage], options, cancellationToken).ConfigureAwait(false);
        return CandidateChoiceMessage.ParseAnswer(response.Text, request,
            (int)(response.Usage?.InputTokenCount ?? 0), (int)(response.Usage?.OutputTokenCount ?? 0));
    }

    private Dictionary<string, string> Values(ChoiceRequest request)
    {
        var list = new StringBuilder();
        foreach (var c in request.Candidates)
        {
            list.Append(CultureInfo.InvariantCulture, $"- {c.ProductId}: {c.DisplayName}");
            if (_catalog is not null && _catalog.TryGet(c.ProductId, out var p))
            {
                list.Append(CultureInfo.InvariantCulture, $" ({(p.IsLoose ? "loose, about" : "pack,")} {p.UnitWeightGrams:0} g{(p.IsLoose ? " per piece" : "")})");
            }

            list.Append('\n');
        }

        return new Dictionary<string, string>
        {
            ["event"] = request.Type == CartEventType.Add ? "put into" : "took out of",
            ["weight"] = request.WeightDeltaGrams is { } w ? string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(w):0} g") : "not measured",
            ["candidates"] = list.ToString().TrimEnd(),
            ["count"] = request.Candidates.Count.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string MediaType(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 3 && bytes[0] == 0x89 && bytes[1] == (byte)'P' ? "image/png" : "image/jpeg";
}
