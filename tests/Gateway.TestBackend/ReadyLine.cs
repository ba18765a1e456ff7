namespace Platform.Gateway.TestBackend;

/// <summary>What the backend prints when it listens: the prefix, then its address(es).</summary>
internal static class ReadyLine
{
    public const string Prefix = "TestBackend ready: ";
}
