namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>A clock the test sets: the signer's and the verifier's "now".</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
