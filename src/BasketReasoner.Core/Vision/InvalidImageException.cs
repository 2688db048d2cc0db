namespace BasketReasoner.Core.Vision;

/// <summary>A camera frame that cannot be decoded as an image.</summary>
public sealed class InvalidImageException(string message) : Exception(message);
