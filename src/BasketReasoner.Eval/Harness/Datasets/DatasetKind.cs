namespace BasketReasoner.Eval.Harness.Datasets;

/// <summary>What a dataset's lines are; decides which systems can answer it and which graders apply.</summary>
public enum DatasetKind
{
    /// <summary>Cart sessions (the <c>eval/sessions</c> format): one case per session.</summary>
    Sessions,

    /// <summary>Ambiguous items: an image, a weight and candidates; the system picks one.</summary>
    Ambiguous,

    /// <summary>Shopper questions about a basket, with expectations on the answer.</summary>
    Shopper,
}
