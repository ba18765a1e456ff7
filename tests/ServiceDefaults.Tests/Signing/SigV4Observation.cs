using Platform.ServiceDefaults.Signing;

namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>What <see cref="SigV4TestServer"/> saw of one request, and what the verifier made of it.</summary>
internal sealed record SigV4Observation(
    string Method,
    string RawTarget,
    string Path,
    string Body,
    SigV4Result Result,
    string Authorization,
    string AmzDate,
    string Host);
