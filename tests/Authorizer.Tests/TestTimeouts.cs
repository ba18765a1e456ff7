namespace Platform.Authorizer.Tests;

internal static class TestTimeouts
{
    /// <summary>Bound on every awaited call: generous for a loaded CI machine, finite so a hang fails the test.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);
}
