using System.Numerics.Tensors;
using BasketReasoner.Retrieval.Products;

namespace BasketReasoner.Tests.Retrieval;

public sealed class PrototypeBuilderTests
{
    private const int Dimensions = 16;

    [Fact]
    public void Build_ClusteredClasses_OutputsUnitNormMeanAndAtMostKCentroids()
    {
        var (embeddings, labels) = Clustered(new Random(21), classes: 3, perClass: 40);

        var prototypes = PrototypeBuilder.Build(embeddings, labels);

        Assert.Equal([0, 1, 2], prototypes.Select(p => p.ClassIndex));
        Assert.All(prototypes, p =>
        {
            Assert.InRange(p.Centroids.Count, 1, 4);
            Assert.All(p.All, v => Assert.Equal(1f, TensorPrimitives.Norm(v), 4));
        });
    }

    [Fact]
    public void Build_SameInputsTwice_IsDeterministic()
    {
        var (embeddings, labels) = Clustered(new Random(22), classes: 2, perClass: 30);

        var first = PrototypeBuilder.Build(embeddings, labels);
        var second = PrototypeBuilder.Build(embeddings, labels);

        Assert.Equal(first.SelectMany(p => p.All.SelectMany(v => v)), second.SelectMany(p => p.All.SelectMany(v => v)));
    }

    [Fact]
    public void Build_FourWellSeparatedViews_FindsOneCentroidNearEachView()
    {
        var random = new Random(23);
        var views = Enumerable.Range(0, 4).Select(i => Axis(i * 3)).ToArray();
        var embeddings = Enumerable.Range(0, 80).Select(i => Jitter(views[i % 4], random, 0.05f)).ToArray();

        var prototypes = PrototypeBuilder.Build(embeddings, new int[80], new PrototypeBuilderOptions { PrototypesPerClass = 4 }).Single();

        Assert.Equal(4, prototypes.Centroids.Count);
        Assert.All(views, view => Assert.Contains(prototypes.Centroids, c => TensorPrimitives.Dot(c, view) > 0.95f));
    }

    [Fact]
    public void Build_FewerImagesThanK_KeepsNormalisedImages()
    {
        float[][] embeddings = [[3, 0, 0, 0], [0, 2, 0, 0]];

        var prototypes = PrototypeBuilder.Build(embeddings, [7, 7]).Single();

        Assert.Equal(7, prototypes.ClassIndex);
        Assert.Equal([[1f, 0, 0, 0], [0, 1f, 0, 0]], prototypes.Centroids);
        Assert.Equal(MathF.Sqrt(0.5f), prototypes.Mean[0], 5);
    }

    private static (float[][] Embeddings, int[] Labels) Clustered(Random random, int classes, int perClass)
    {
        var embeddings = new List<float[]>();
        var labels = new List<int>();
        for (var c = 0; c < classes; c++)
        {
            for (var i = 0; i < perClass; i++)
            {
                embeddings.Add(Jitter(Axis((c * 4) + (i % 3)), random, 0.2f));
                labels.Add(c);
            }
        }

        return ([.. embeddings], [.. labels]);
    }

    private static float[] Axis(int i)
    {
        var v = new float[Dimensions];
        v[i] = 1;
        return v;
    }

    private static float[] Jitter(float[] v, Random random, float amount) =>
        [.. v.Select(x => x + (float)((random.NextDouble() - 0.5) * amount))];
}
