using BasketReasoner.Retrieval.Embedded;
using Microsoft.Extensions.VectorData;

namespace BasketReasoner.Retrieval.Tests.Conformance;

/// <summary>The conformance suite on the in-process store (exact search), in a temp folder per test.</summary>
public sealed class EmbeddedConformanceTests : VectorStoreConformanceTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "br-conformance-" + Guid.NewGuid().ToString("N"));

    protected override Task<VectorStore> OpenStoreAsync() =>
        Task.FromResult<VectorStore>(new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Directory = _directory, FlushToDisk = false }));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
