namespace Platform.ServiceDefaults.Signing;

/// <summary>
/// How <see cref="SigV4Verifier"/> accepts AWS Signature Version 4 requests. Bound from
/// <see cref="SectionName"/>; the key pairs come from <see cref="CredentialsSectionName"/>. Validated at startup.
/// </summary>
public sealed class SigV4Options
{
    /// <summary>Section of the scalar settings below.</summary>
    public const string SectionName = "Platform:SigV4";

    /// <summary>Section holding the list of <see cref="SigV4Credentials"/>.</summary>
    public const string CredentialsSectionName = "Platform:Credentials";

    /// <summary>
    /// The service the credential scope must name. Default <c>execute-api</c> (API Gateway, including
    /// <c>@connections</c>). The scope's region may be anything: a self-hosted platform has no regions.
    /// </summary>
    public string Service { get; set; } = "execute-api";

    /// <summary>
    /// How far the signing time may be from the server clock, either way. Default 5 minutes, as AWS; outside it
    /// requests fail with <c>Signature expired</c> or <c>Signature not yet current</c>.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Largest request body buffered to compute the payload hash. Default 10 MiB, API Gateway's payload limit.
    /// Callers with a smaller limit (PostToConnection: 128 KiB) pass their own to <see cref="SigV4Verifier"/>.
    /// </summary>
    public long MaxPayloadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Whether <c>x-amz-content-sha256: UNSIGNED-PAYLOAD</c> is accepted, leaving the body unauthenticated.
    /// Default false: the body is always hashed.
    /// </summary>
    public bool AllowUnsignedPayload { get; set; }

    /// <summary>The accepted key pairs. Default none, which fails startup.</summary>
    public IList<SigV4Credentials> Credentials { get; } = [];
}
