namespace BasketReasoner.Generation.Model;

/// <summary>A model folder is missing a file, or a file does not match the config.</summary>
public sealed class InvalidModelException : Exception
{
    public InvalidModelException(string message) : base(message) { }

    public InvalidModelException(string message, Exception inner) : base(message, inner) { }
}
