using System.Globalization;
using BasketReasoner.Core.Catalog;

namespace BasketReasoner.Core.Baskets;

/// <summary>How a measured weight relates to a product's catalog unit weight (<see cref="WeightFit.Check"/>).</summary>
public enum WeightFitKind
{
    /// <summary>The weight is what the product weighs: one piece of loose produce, or a whole number of packs.</summary>
    Fits,

    /// <summary>
    /// Loose produce commonly sold cut (<see cref="WeightFit.IsSoldCut"/>) weighing less than a whole piece: a cut
    /// piece, charged by what it weighs.
    /// </summary>
    CutPiece,

    /// <summary>Too light for the product.</summary>
    TooLight,

    /// <summary>Too heavy for the product.</summary>
    TooHeavy,

    /// <summary>A pack whose weight is between whole numbers of packs.</summary>
    NotWholePacks,
}

/// <summary>The verdict on one measured weight for one product, with the range the product would have fitted.</summary>
/// <param name="Kind">The verdict.</param>
/// <param name="Grams">The measured magnitude, in grams.</param>
/// <param name="UnitGrams">The product's catalog unit weight.</param>
/// <param name="MinGrams">The lightest weight the product fits (a cut piece for produce sold cut).</param>
/// <param name="MaxGrams">The heaviest weight the product fits.</param>
public readonly record struct WeightCheck(WeightFitKind Kind, double Grams, double UnitGrams, double MinGrams, double MaxGrams)
{
    /// <summary>Whether the product can be what was weighed (<see cref="WeightFitKind.Fits"/> or <see cref="WeightFitKind.CutPiece"/>).</summary>
    public bool Fits => Kind is WeightFitKind.Fits or WeightFitKind.CutPiece;
}

/// <summary>
/// The one rule for "can this product be what the scale weighed?": the weighing ledger charges by it, a shopper's
/// answer is checked against it, and the learned weight statistics learn only from weights it believes. Loose produce
/// varies by tens of percent a piece, so a piece is believed from <see cref="WeighingLedger.MinPlausibleShare"/> (0.2)
/// to <see cref="WeighingLedger.MaxPlausibleShare"/> (5) times its catalog weight; large produce commonly sold cut
/// (<see cref="IsSoldCut"/>) is also believed down to <see cref="MinCutShare"/> of a piece, as a cut piece. Packs
/// weigh what the catalog says within <see cref="PackTolerance"/> (the catalog's pack weights are estimates: declared
/// content times a density plus typical packaging), and several packs put in together weigh a whole number of them.
/// </summary>
public static class WeightFit
{
    /// <summary>
    /// Loose produce whose typical piece weighs at least this is commonly sold cut (halves, quarters, slices: melons,
    /// cabbage, pineapple): 1000 g. Derived from the catalog in this one place.
    /// </summary>
    public const double SoldCutMinUnitGrams = 1000;

    /// <summary>
    /// The lightest cut piece believed, as a share of the typical piece: 0.05 (150 g of a 3 kg watermelon). Lighter
    /// is a scale glitch, which must not make an item nearly free.
    /// </summary>
    public const double MinCutShare = 0.05;

    /// <summary>
    /// How far a pack's weight may be from its catalog weight, as a share of one pack: 0.25, at least
    /// <see cref="PackToleranceGrams"/>. Around every whole number of packs up to
    /// <see cref="WeighingLedger.MaxPlausibleShare"/>; the gaps between them tell one pack from two.
    /// </summary>
    public const double PackTolerance = 0.25;

    /// <summary>The smallest pack tolerance, in grams (scale noise on a light pack): 15.</summary>
    public const double PackToleranceGrams = 15;

    /// <summary>
    /// A settled weight change smaller than this says the scale saw no item move: the weight detector's smallest event
    /// (<see cref="Scale.WeightEventDetectorOptions.DefaultMinStepGrams"/>, 10 g). The raw-sensor join gives such a frame
    /// exactly 0 g ("no change": a product held up to the camera and put back, one item seen twice, or the second item
    /// of a quick double add, whose weight the first frame took).
    /// </summary>
    public const double NoChangeGrams = Scale.WeightEventDetectorOptions.DefaultMinStepGrams;

    /// <summary>
    /// Whether an event's settled weight change says the scale saw no change (<see cref="NoChangeGrams"/>): it cannot say
    /// what moved, nor rule a product out. False when the weight did not settle (null) or is not finite.
    /// </summary>
    public static bool IsNoChange(double? deltaGrams) => deltaGrams is { } d && double.IsFinite(d) && Math.Abs(d) < NoChangeGrams;

    /// <summary>Whether the product is loose produce commonly sold cut: a typical piece of at least <see cref="SoldCutMinUnitGrams"/>.</summary>
    public static bool IsSoldCut(Product product) => product.IsLoose && product.UnitWeightGrams >= SoldCutMinUnitGrams;

    /// <summary>Whether <paramref name="grams"/> (a positive magnitude) is one whole unit of the product: one typical-range piece, or one pack.</summary>
    public static bool IsOneUnit(Product product, double grams)
    {
        if (!double.IsFinite(grams) || grams <= 0)
        {
            return false;
        }

        var w = product.UnitWeightGrams;
        return product.IsLoose
            ? grams >= WeighingLedger.MinPlausibleShare * w && grams <= WeighingLedger.MaxPlausibleShare * w
            : Math.Abs(grams - w) <= PackSlack(w);
    }

    /// <summary>
    /// Whether two settled weighings are the one item (an add's and a removal's): within 15 g or 15 % of the second,
    /// whichever is more (scales settle a few grams apart). False when either is not a finite weight.
    /// </summary>
    public static bool SameItem(double grams, double otherGrams)
    {
        var (a, b) = (Math.Abs(grams), Math.Abs(otherGrams));
        return double.IsFinite(a) && double.IsFinite(b) && Math.Abs(a - b) <= Math.Max(15, 0.15 * b);
    }

    /// <summary>Checks a measured weight change (either sign: its magnitude is weighed) against the product.</summary>
    /// <param name="product">The product it is said to be.</param>
    /// <param name="deltaGrams">The settled weight change.</param>
    /// <param name="cutPieces">
    /// Whether a cut piece of produce sold cut fits (<see cref="WeightFitKind.CutPiece"/>): true for an add; a removal
    /// takes out a unit the scale saw go in, so there the caller says whether such a unit can be a cut piece.
    /// </param>
    public static WeightCheck Check(Product product, double deltaGrams, bool cutPieces = true)
    {
        var grams = Math.Abs(deltaGrams);
        var w = product.UnitWeightGrams;
        if (product.IsLoose)
        {
            var min = (cutPieces && IsSoldCut(product) ? MinCutShare : WeighingLedger.MinPlausibleShare) * w;
            var max = WeighingLedger.MaxPlausibleShare * w;
            var kind = !double.IsFinite(grams) || grams < min ? WeightFitKind.TooLight
                : grams > max ? WeightFitKind.TooHeavy
                : grams < WeighingLedger.MinPlausibleShare * w ? WeightFitKind.CutPiece
                : WeightFitKind.Fits;
            return new WeightCheck(kind, grams, w, min, max);
        }

        var slack = PackSlack(w);
        var most = (int)WeighingLedger.MaxPlausibleShare;
        var lightest = w - slack;
        var heaviest = (most * w) + slack;
        if (!double.IsFinite(grams) || grams < lightest)
        {
            return new WeightCheck(WeightFitKind.TooLight, grams, w, lightest, heaviest);
        }

        if (grams > heaviest)
        {
            return new WeightCheck(WeightFitKind.TooHeavy, grams, w, lightest, heaviest);
        }

        var packs = Math.Clamp(Math.Round(grams / w), 1, most);
        return new WeightCheck(Math.Abs(grams - (packs * w)) <= slack ? WeightFitKind.Fits : WeightFitKind.NotWholePacks, grams, w, lightest, heaviest);
    }

    /// <summary>
    /// A sentence for the shopper (and the API's problem detail) saying why <paramref name="check"/> does not fit:
    /// the measured weight and what the product weighs.
    /// </summary>
    public static string Explain(Product product, WeightCheck check)
    {
        var name = product.ShopperFacingName;
        var measured = Grams(check.Grams);
        var unit = Grams(check.UnitGrams);
        if (product.IsLoose)
        {
            var range = $"{Grams(check.MinGrams)} to {Grams(check.MaxGrams)}";
            return check.Kind == WeightFitKind.TooLight
                ? $"The scale measured {measured}, too little for {name}: a typical one weighs about {unit} ({range} fits)."
                : $"The scale measured {measured}, too much for one {name}: a typical one weighs about {unit} ({range} fits).";
        }

        var slack = Grams(PackSlack(check.UnitGrams));
        return check.Kind switch
        {
            WeightFitKind.TooLight => $"The scale measured {measured}, too little for {name}: one weighs about {unit} (±{slack}).",
            WeightFitKind.TooHeavy => $"The scale measured {measured}, more than {(int)WeighingLedger.MaxPlausibleShare} of {name}: one weighs about {unit} (±{slack}).",
            _ => $"The scale measured {measured}, which is not a whole number of {name}: one weighs about {unit} (±{slack}).",
        };
    }

    /// <summary>
    /// How many units an event of <paramref name="deltaGrams"/> moved: for a pack product, the whole number of packs
    /// (1 to <see cref="WeighingLedger.MaxPlausibleShare"/>) the weight fits; 1 for loose produce (a bag of pieces is
    /// one line unit charged by weight), for an unsettled weight and for one that fits no whole number of packs.
    /// </summary>
    public static int Units(Product product, double? deltaGrams)
    {
        if (product.IsLoose || deltaGrams is not { } d || Check(product, d).Kind != WeightFitKind.Fits)
        {
            return 1;
        }

        return (int)Math.Clamp(Math.Round(Math.Abs(d) / product.UnitWeightGrams), 1, WeighingLedger.MaxPlausibleShare);
    }

    /// <summary>
    /// How many units a removal of <paramref name="deltaGrams"/> takes out of a line of <paramref name="held"/>:
    /// <see cref="Units"/>, no more than the line holds (at least 1).
    /// </summary>
    public static int UnitsTakenOut(Product product, double? deltaGrams, int held) => Math.Clamp(Units(product, deltaGrams), 1, Math.Max(held, 1));

    private static double PackSlack(double unitGrams) => Math.Max(PackToleranceGrams, PackTolerance * unitGrams);

    private static string Grams(double g) => g.ToString("0", CultureInfo.InvariantCulture) + " g";
}
