using System.Reflection;
using System.Text.Json;
using BasketReasoner.Reasoning.Escalation;
using BasketReasoner.Server.Hosting;
using BasketReasoner.Server.Tests.Infrastructure;

namespace BasketReasoner.Server.Tests.Composition;

/// <summary>The config files under <c>deploy/</c> name only real options, so a renamed key cannot silently fall back to its default.</summary>
[Collection(ServerCollection.Name)]
public sealed class DeployConfigTests(ServerFixture fx)
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        [CartServerOptions.Section] = typeof(CartServerOptions),
        ["Escalation"] = typeof(EscalationOptions),
        [CloudChooserOptions.Section] = typeof(CloudChooserOptions),
    };

    [Theory]
    [InlineData("deploy/config/edge.json")]
    [InlineData("deploy/cloud/k8s/cloud.json")]
    public void DeployConfig_EveryKey_IsASettableOptionOfItsSection(string relative)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(fx.RepoRoot, relative)));

        foreach (var section in doc.RootElement.EnumerateObject())
        {
            Assert.True(Sections.TryGetValue(section.Name, out var type), $"{relative}: unknown section '{section.Name}'.");
            foreach (var key in section.Value.EnumerateObject())
            {
                var property = type.GetProperty(key.Name, BindingFlags.Public | BindingFlags.Instance);
                Assert.True(property is { CanWrite: true }, $"{relative}: '{section.Name}:{key.Name}' is not an option of {type.Name}.");
            }
        }
    }
}
