using System.Diagnostics.CodeAnalysis;

namespace Platform.ServiceDefaults.Signing;

/// <summary>The outcome of <see cref="SigV4Verifier"/>: the verified access key id, or the AWS error.</summary>
public sealed record SigV4Result
{
    private SigV4Result(string? accessKeyId, SigV4Error? error)
    {
        AccessKeyId = accessKeyId;
        Error = error;
    }

    /// <summary>The access key id whose secret signed the request; null on failure.</summary>
    public string? AccessKeyId { get; }

    /// <summary>Why verification failed; null on success.</summary>
    public SigV4Error? Error { get; }

    [MemberNotNullWhen(true, nameof(AccessKeyId))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static SigV4Result Success(string accessKeyId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        return new SigV4Result(accessKeyId, null);
    }

    public static SigV4Result Failure(SigV4Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new SigV4Result(null, error);
    }
}
