namespace Platform.ServiceDefaults.Signing;

/// <summary>
/// One long-term AWS-style key pair: an element of the <c>Platform:Credentials</c> list,
/// <c>{ "AccessKeyId": "...", "SecretAccessKey": "..." }</c>.
/// </summary>
public sealed record SigV4Credentials(string AccessKeyId, string SecretAccessKey)
{
    /// <summary>Never prints the secret: records otherwise format every property into logs.</summary>
    public override string ToString() => $"SigV4Credentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = *** }}";
}
