namespace BasketReasoner.Core.Events;

/// <summary>One camera's encoded before/after frames of an event, as they arrive (JPEG or PNG bytes).</summary>
public readonly record struct CameraFramePair(string Camera, ReadOnlyMemory<byte> Before, ReadOnlyMemory<byte> After);
