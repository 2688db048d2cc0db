using System.Numerics.Tensors;

namespace BasketReasoner.Bench.Retrieval;

/// <summary>
/// Seeded synthetic embeddings shaped like a product-image index: unit vectors drawn from a two-level mixture of
/// von Mises–Fisher-like clusters. A few hundred category directions; around each, product directions; around each
/// product, image embeddings with a per-product spread (some products are photographed uniformly, some vary a lot) and
/// Zipf-like product popularity (a few products have many images). Each point is normalise(μ + σ·g), g ~ N(0, I/d),
/// which for d = 128 concentrates on a cap of cosine ≈ 1/√(1+σ²) around μ, like a vMF with κ ≈ d/σ².
/// </summary>
internal sealed class ClusteredUnitVectors
{
    private const double CategorySpread = 0.9;
    private const double MinPointSpread = 0.3;
    private const double MaxPointSpread = 0.9;

    private readonly int _dimensions;
    private readonly float[] _centers;
    private readonly double[] _spreads;
    private readonly double[] _cumulative;

    public ClusteredUnitVectors(int dimensions, int products, int seed)
    {
        _dimensions = dimensions;
        var random = new Random(seed);
        var categories = Math.Max(1, products / 20);
        var categoryCenters = new float[categories * dimensions];
        for (var c = 0; c < categories; c++)
        {
            Sample(random, default, 1.0, categoryCenters.AsSpan(c * dimensions, dimensions));
        }

        _centers = new float[products * dimensions];
        _spreads = new double[products];
        _cumulative = new double[products];
        var total = 0.0;
        for (var p = 0; p < products; p++)
        {
            var category = random.Next(categories);
            Sample(random, categoryCenters.AsSpan(category * dimensions, dimensions), CategorySpread, _centers.AsSpan(p * dimensions, dimensions));
            _spreads[p] = MinPointSpread + (random.NextDouble() * (MaxPointSpread - MinPointSpread));
            total += 1.0 / Math.Pow(p + 1, 0.7);
            _cumulative[p] = total;
        }

        for (var p = 0; p < products; p++)
        {
            _cumulative[p] /= total;
        }
    }

    /// <summary>Fills <paramref name="output"/> (row-major) with fresh draws from the mixture.</summary>
    public void Fill(Random random, Span<float> output)
    {
        var rows = output.Length / _dimensions;
        for (var i = 0; i < rows; i++)
        {
            var p = Array.BinarySearch(_cumulative, random.NextDouble());
            p = p < 0 ? Math.Min(~p, _cumulative.Length - 1) : p;
            Sample(random, _centers.AsSpan(p * _dimensions, _dimensions), _spreads[p], output.Slice(i * _dimensions, _dimensions));
        }
    }

    private static void Sample(Random random, ReadOnlySpan<float> center, double spread, Span<float> output)
    {
        var scale = spread / Math.Sqrt(output.Length);
        for (var d = 0; d < output.Length; d++)
        {
            // Box–Muller; one normal per call keeps the stream simple and seeded.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            output[d] = (float)((center.IsEmpty ? 0 : center[d]) + (scale * normal));
        }

        var norm = TensorPrimitives.Norm(output);
        TensorPrimitives.Divide(output, norm, output);
    }
}
