using System.CommandLine;
using BasketReasoner.Composition;
using BasketReasoner.Core.Catalog;
using BasketReasoner.Core.Data;
using BasketReasoner.Retrieval.Embedded;
using BasketReasoner.Retrieval.Products;
using BasketReasoner.Vision.Onnx;

namespace BasketReasoner.Cli.Commands;

/// <summary>
/// <c>basket index build</c>: embeds every product's iconic image and its <c>train</c> images with the recognizer,
/// reduces the train embeddings to a few k-means prototypes per product, and stores them in the embedded index.
/// Only the train split and the catalog are read.
/// </summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var perClass = new Option<int>("--prototypes") { Description = "k-means prototypes per product", DefaultValueFactory = _ => 4 }.AtLeast(1);
        var outDir = new Option<string?>("--out") { Description = "Index folder; default: <model>/index" };
        var dataRoot = CommonOptions.DataRoot();
        var model = CommonOptions.Model();
        var catalogPath = CommonOptions.Catalog();
        var build = new Command("build", "Build the product prototype index from the train split and the iconic images") { perClass, outDir, dataRoot, model, catalogPath };
        build.SetAction((parse, ct) => CommandAction.RunAsync(parse, async (stdout, stderr) =>
        {
            var root = DataRoot.Resolve(parse.GetValue(dataRoot));
            var catalog = ProductCatalog.Load(parse.GetValue(catalogPath) ?? DefaultAssets.CatalogPath);
            var folder = parse.GetValue(model) ?? DefaultAssets.RecognizerFolder;
            var target = parse.GetValue(outDir) ?? Path.Combine(folder, "index");
            // Prototypes keep the two-view average and the float32 graph: built once offline, so the per-event cost
            // that made one view and int8 the defaults does not apply; the int8 graph was trained to reproduce the
            // float32 embedding, and the committed index (which the fusion was tuned with) was built this way.
            using var recognizer = new OnnxProductRecognizer(folder, new OnnxRecognizerOptions { MirrorAveraging = true, Precision = RecognizerPrecision.Float32 });
            var images = DataRoot.ImagesFolder(root);

            var train = SplitFile.Read(root, "train");
            // Embedding every train and iconic image is the ~30 s part: show it.
            var (records, prototypeCount) = CliProgress.Run(stderr, "embedding", train.Count + catalog.Count, "images", progress =>
            {
                var embeddings = new float[train.Count][];
                var labels = new int[train.Count];
                var probs = new float[recognizer.ClassCount];
                for (var i = 0; i < train.Count; i++)
                {
                    embeddings[i] = new float[recognizer.EmbeddingDimension];
                    labels[i] = train[i].ClassIndex;
                    recognizer.Recognize(File.ReadAllBytes(Path.Combine(images, train[i].Path)), probs, embeddings[i]);
                    progress.Report(i + 1);
                }

                var prototypes = PrototypeBuilder.Build(embeddings, labels, new PrototypeBuilderOptions { PrototypesPerClass = parse.GetValue(perClass) });
                var records = new List<ProductVectorRecord>();
                foreach (var p in prototypes)
                {
                    var product = catalog[p.ClassIndex];
                    var all = p.All.ToArray();
                    for (var k = 0; k < all.Length; k++)
                    {
                        records.Add(ProductVectorRecord.For(product, ProductVectorKind.Prototype, k, all[k]));
                    }
                }

                var done = train.Count;
                foreach (var product in catalog.Products)
                {
                    var v = new float[recognizer.EmbeddingDimension];
                    recognizer.Recognize(File.ReadAllBytes(Path.Combine(images, product.IconicImage)), probs, v);
                    records.Add(ProductVectorRecord.For(product, ProductVectorKind.Iconic, 0, v));
                    progress.Report(++done);
                }

                return (records, prototypes.Count);
            });

            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            using var store = new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Directory = target });
            var collection = store.GetCollection<string, ProductVectorRecord>(
                ProductPrototypeIndex.DefaultCollectionName, ProductVectorRecord.CreateDefinition(recognizer.EmbeddingDimension));
            await collection.EnsureCollectionExistsAsync(ct);
            await collection.UpsertAsync(records, ct);
            stdout.WriteLine($"indexed {records.Count} vectors ({train.Count} train images → {prototypeCount} products × prototypes, + {catalog.Count} iconic) into {target}");
            return 0;
        }));
        var cmd = new Command("index", "The embedded product index");
        cmd.Subcommands.Add(build);
        return cmd;
    }
}
