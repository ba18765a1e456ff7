using System.Globalization;
using System.Text;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// What a cached decision is filed under (AWS-REFERENCE §5.3): the API, the authorizer and every identity source
/// value (TOKEN: the token). Two additions to AWS's key: the stage, because a stage's variables may name another
/// function; and the definition version, because a reload is a redeployment, and AWS starts a redeployed stage
/// with an empty cache (older entries are unreachable and age out).
/// </summary>
internal readonly record struct AuthorizerCacheKey(long DefinitionVersion, string Api, string Stage, string Authorizer, string Identity)
{
    /// <summary>The identity values as one string: each length-prefixed, so <c>["a,b"]</c> and <c>["a", "b"]</c> differ.</summary>
    public static string IdentityOf(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }

        return builder.ToString();
    }
}
