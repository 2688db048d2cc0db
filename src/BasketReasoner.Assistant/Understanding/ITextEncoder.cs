namespace BasketReasoner.Assistant.Understanding;

/// <summary>Turns a text into a unit-length vector; cosine similarity is then a dot product.</summary>
internal interface ITextEncoder
{
    float[] Embed(string text);
}
