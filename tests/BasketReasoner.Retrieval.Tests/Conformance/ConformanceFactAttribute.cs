using Xunit.Abstractions;
using Xunit.Sdk;

namespace BasketReasoner.Retrieval.Tests.Conformance;

/// <summary>
/// A fact of the shared conformance suite. It runs for every concrete backend class, except that a class marked
/// <see cref="RequiresEnvironmentAttribute"/> is reported as skipped, with the reason, when its variable is unset —
/// xunit 2 has no other way to skip inherited tests for one subclass only.
/// </summary>
[XunitTestCaseDiscoverer("BasketReasoner.Retrieval.Tests.Conformance.ConformanceFactDiscoverer", "BasketReasoner.Retrieval.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceFactAttribute : FactAttribute;

/// <summary>The backend needs an external server named by an environment variable (e.g. QDRANT_GRPC_URL).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    public string Variable { get; } = variable;

    public string Reason { get; } = reason;
}

public sealed class ConformanceFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new ConformanceTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

public sealed class ConformanceTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ConformanceTestCase()
    {
    }

    public ConformanceTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var type = TestMethod.TestClass.Class.ToRuntimeType();
        var requirement = type?.GetCustomAttributes(typeof(RequiresEnvironmentAttribute), inherit: true)
            .Cast<RequiresEnvironmentAttribute>().FirstOrDefault();
        return requirement is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(requirement.Variable))
            ? requirement.Reason
            : base.GetSkipReason(factAttribute);
    }
}
