namespace BasketReasoner.Reasoning.Choice;

/// <summary>
/// A <c>candidate_choice_request</c> that is there but malformed: the message names the field by its JSON path and
/// says what it must be (<c>candidate_choice_request.candidates[2].product_id must be a string, not 5.</c>). A
/// <see cref="FormatException"/> as before, so every caller that refuses a bad request still does.
/// </summary>
public sealed class CandidateChoiceRequestException(string field, string message) : FormatException(message)
{
    /// <summary>The field at fault, as a JSON path from the request part (<c>candidate_choice_request.type</c>).</summary>
    public string Field { get; } = field;
}
