using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Signing;

namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>The development key pair the CLI tests sign with, and verifiers built around it.</summary>
internal static class SigV4TestData
{
    public const string AccessKeyId = "AKIAPLATFORMDEVKEY01";
    public const string SecretAccessKey = "platformDevSecretKey0123456789";
    public const string ConnectionId = "AbCdEfGhIjKlMnO=";

    /// <summary>The path botocore puts on the wire for <see cref="ConnectionId"/>: '@' bare, '=' escaped.</summary>
    public const string ConnectionPath = "/chat/@connections/AbCdEfGhIjKlMnO%3D";

    public static readonly SigV4Credentials Credentials = new(AccessKeyId, SecretAccessKey);

    public static SigV4Verifier Verifier(TimeProvider clock, string secret = SecretAccessKey, string service = "execute-api",
        Action<SigV4Options>? configure = null)
    {
        var options = new SigV4Options { Service = service, Credentials = { new SigV4Credentials(AccessKeyId, secret) } };
        configure?.Invoke(options);
        return new SigV4Verifier(Options.Create(options), clock, NullLogger<SigV4Verifier>.Instance);
    }
}
