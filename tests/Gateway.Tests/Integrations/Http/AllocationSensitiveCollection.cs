namespace Platform.Gateway.Tests.Integrations.Http;

/// <summary>
/// Tests that measure allocation with <see cref="GC.GetTotalAllocatedBytes(bool)"/>, which counts every thread of
/// the process: they run alone, after the parallel tests, so no other test's allocations land in the window.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationSensitiveCollection
{
    public const string Name = "Allocation-sensitive";
}
