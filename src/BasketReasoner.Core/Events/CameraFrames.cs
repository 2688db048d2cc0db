namespace BasketReasoner.Core.Events;

/// <summary>One camera's view of an event: the frame before it and the frame after it.</summary>
/// <param name="Camera">Camera id, e.g. <c>cam0</c>; names the calibration to use.</param>
/// <param name="Before">The frame before the event (a path, relative to the session file's folder in a session).</param>
/// <param name="After">The frame after the event.</param>
public sealed record CameraFrames(string Camera, string Before, string After);
