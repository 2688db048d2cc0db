namespace BasketReasoner.Composition;

/// <summary>The service keys of the escalation chain's <c>ICandidateChooser</c> stages.</summary>
public static class ChooserKeys
{
    public const string OnDevice = "on-device";

    public const string Cloud = "cloud";
}
