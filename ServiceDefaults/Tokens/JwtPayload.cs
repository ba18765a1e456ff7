using System.Text;
using System.Text.Json;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>
/// A verified token's payload: the registered claims this validator checks, and every claim rendered as API
/// Gateway renders claims for HTTP API JWT authorizers — every value a string: strings as they are, numbers as
/// their JSON text, booleans <c>true</c>/<c>false</c>, arrays as <c>[a b c]</c> (elements rendered the same way,
/// space-separated), objects as their JSON text, and null as <c>null</c> [unconfirmed for null].
/// </summary>
internal sealed class JwtPayload
{
    private JwtPayload()
    {
    }

    public required Dictionary<string, string> Claims { get; init; }

    public string? Issuer { get; init; }

    /// <summary><c>aud</c>: one string or an array of strings; empty when absent.</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary>True when the token has an <c>aud</c> claim (even an empty array): then <c>client_id</c> does not count.</summary>
    public bool HasAudience { get; init; }

    public string? ClientId { get; init; }

    public double? ExpiresAt { get; init; }

    public double? NotBefore { get; init; }

    public double? IssuedAt { get; init; }

    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>Reads the payload; null with the <paramref name="failure"/> and <paramref name="problem"/> when it is not a JSON object or a registered claim has the wrong type.</summary>
    public static JwtPayload? Read(byte[] json, out JwtFailure failure, out string? problem)
    {
        failure = JwtFailure.Malformed;
        JsonDocument document;
        try
        {
            document = JwsToken.ParseStrict(json);
        }
        catch (JsonException)
        {
            problem = "the token payload is not valid JSON";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the token payload is not a JSON object";
                return null;
            }

            var claims = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var claim in root.EnumerateObject())
            {
                claims[claim.Name] = Render(claim.Value);
            }

            problem = TypeProblem(root);
            if (problem is not null)
            {
                failure = JwtFailure.InvalidClaim;
                return null;
            }

            return new JwtPayload
            {
                Claims = claims,
                Issuer = StringOf(root, "iss"),
                Audiences = ReadAudiences(root),
                HasAudience = root.TryGetProperty("aud", out _),
                ClientId = StringOf(root, "client_id"),
                ExpiresAt = NumberOf(root, "exp"),
                NotBefore = NumberOf(root, "nbf"),
                IssuedAt = NumberOf(root, "iat"),
                Scopes = ReadScopes(root),
            };
        }
    }

    /// <summary>RFC 7519 §4.1: <c>iss</c> and <c>client_id</c> strings, <c>aud</c> a string or strings, times NumericDates.</summary>
    private static string? TypeProblem(JsonElement root)
    {
        foreach (var name in (ReadOnlySpan<string>)["iss", "client_id", "sub"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.String)
            {
                return $"the token {name} is not a string";
            }
        }

        if (root.TryGetProperty("aud", out var aud)
            && aud.ValueKind != JsonValueKind.String
            && !(aud.ValueKind == JsonValueKind.Array && aud.EnumerateArray().All(static a => a.ValueKind == JsonValueKind.String)))
        {
            return "the token aud is not a string or an array of strings";
        }

        foreach (var name in (ReadOnlySpan<string>)["exp", "nbf", "iat"])
        {
            if (root.TryGetProperty(name, out var value) && (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble())))
            {
                return $"the token {name} is not a number";
            }
        }

        return null;
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? NumberOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string[] ReadAudiences(JsonElement root)
    {
        if (!root.TryGetProperty("aud", out var aud))
        {
            return [];
        }

        return aud.ValueKind == JsonValueKind.String ? [aud.GetString()!] : [.. aud.EnumerateArray().Select(static a => a.GetString()!)];
    }

    /// <summary><c>scope</c> (RFC 8693 §4.2: space-separated), else <c>scp</c> as a string or an array of strings.</summary>
    private static string[]? ReadScopes(JsonElement root)
    {
        foreach (var name in (ReadOnlySpan<string>)["scope", "scp"])
        {
            if (!root.TryGetProperty(name, out var value))
            {
                continue;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                JsonValueKind.Array => [.. value.EnumerateArray().Where(static s => s.ValueKind == JsonValueKind.String).Select(static s => s.GetString()!)],
                _ => [],
            };
        }

        return null;
    }

    private static string Render(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => RenderArray(value),
        _ => value.GetRawText(),
    };

    private static string RenderArray(JsonElement array)
    {
        var text = new StringBuilder("[");
        var first = true;
        foreach (var element in array.EnumerateArray())
        {
            if (!first)
            {
                text.Append(' ');
            }

            text.Append(Render(element));
            first = false;
        }

        return text.Append(']').ToString();
    }

    /// <summary>Seconds since the Unix epoch, as the NumericDate claims count (RFC 7519 §2).</summary>
    public static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>A NumericDate as a time, clamped to what <see cref="DateTimeOffset"/> holds.</summary>
    public static DateTimeOffset Time(double seconds) =>
        seconds >= MaxSeconds ? DateTimeOffset.MaxValue
        : seconds <= MinSeconds ? DateTimeOffset.MinValue
        : DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));

    private static readonly double MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
    private static readonly double MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
}
