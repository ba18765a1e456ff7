using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using static Platform.ServiceDefaults.Signing.SigV4Constants;

namespace Platform.ServiceDefaults.Signing;

/// <summary>
/// Reads the claimed signature from the <c>Authorization</c> header or the presigned query. Structure only; scope,
/// time and signature are checked by <see cref="SigV4Verifier"/>. Messages follow AWS's, which list every missing
/// piece at once.
/// </summary>
internal static class SigV4AuthorizationParser
{
    public static bool TryParseHeader(string authorization, IHeaderDictionary headers,
        [NotNullWhen(true)] out SigV4Authorization? result, [NotNullWhen(false)] out SigV4Error? error)
    {
        result = null;
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var algorithm = space < 0 ? authorization : authorization[..space];
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (space < 0 ? "" : authorization[(space + 1)..]).Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parameters.TryAdd(part[..equals].Trim(), part[(equals + 1)..].Trim());
            }
        }

        var amzDate = headers[AmzDateHeader].ToString();
        var httpDate = headers[HeaderNames.Date].ToString();
        var missing = new List<string>();
        foreach (var name in (string[])["Credential", "Signature", "SignedHeaders"])
        {
            if (!parameters.ContainsKey(name))
            {
                missing.Add($"Authorization header requires '{name}' parameter.");
            }
        }

        if (amzDate.Length == 0 && httpDate.Length == 0)
        {
            missing.Add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (missing.Count > 0)
        {
            error = SigV4Errors.Incomplete($"{string.Join(' ', missing)} Authorization={authorization}");
            return false;
        }

        if (algorithm != Algorithm)
        {
            error = SigV4Errors.Incomplete($"Unsupported AWS 'algorithm': '{algorithm}'; only '{Algorithm}' is supported.");
            return false;
        }

        // X-Amz-Date wins over Date, as in the SigV4 specification.
        string timestamp;
        DateTimeOffset signingTime;
        if (amzDate.Length > 0)
        {
            if (!TryParseTimestamp(amzDate, out signingTime))
            {
                error = BasicFormatExpected(amzDate);
                return false;
            }

            timestamp = amzDate;
        }
        else if (TryParseHttpDate(httpDate, out signingTime))
        {
            timestamp = FormatTimestamp(signingTime);
        }
        else
        {
            error = SigV4Errors.Incomplete($"The Date header must be an RFC 1123 date when X-Amz-Date is absent. Got '{httpDate}'.");
            return false;
        }

        return TryComplete(parameters["Credential"], parameters["SignedHeaders"], parameters["Signature"],
            timestamp, signingTime, expires: null, presigned: false, out result, out error);
    }

    /// <summary>Presigned URL: <paramref name="parameters"/> are the canonical (encoded) query parameters.</summary>
    public static bool TryParseQuery(IReadOnlyList<KeyValuePair<string, string>> parameters,
        [NotNullWhen(true)] out SigV4Authorization? result, [NotNullWhen(false)] out SigV4Error? error)
    {
        result = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            values.TryAdd(name, Uri.UnescapeDataString(value));
        }

        var missing = new List<string>();
        foreach (var name in (string[])[AlgorithmParameter, CredentialParameter, SignatureParameter, SignedHeadersParameter, DateParameter])
        {
            if (!values.ContainsKey(name))
            {
                missing.Add($"AWS query-string parameters must include '{name}'.");
            }
        }

        if (missing.Count > 0)
        {
            error = SigV4Errors.Incomplete($"{string.Join(' ', missing)} Re-examine the query-string parameters.");
            return false;
        }

        if (values[AlgorithmParameter] != Algorithm)
        {
            error = SigV4Errors.Incomplete($"X-Amz-Algorithm only supports '{Algorithm}', not '{values[AlgorithmParameter]}'.");
            return false;
        }

        if (!TryParseTimestamp(values[DateParameter], out var signingTime))
        {
            error = BasicFormatExpected(values[DateParameter]);
            return false;
        }

        // Optional outside S3: without it the clock-skew window alone bounds the URL's life.
        TimeSpan? expires = null;
        if (values.TryGetValue(ExpiresParameter, out var expiresText))
        {
            if (!int.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || seconds is < 1 or > MaxExpiresSeconds)
            {
                error = SigV4Errors.Incomplete(
                    $"X-Amz-Expires must be a whole number of seconds from 1 to {MaxExpiresSeconds} (a week), not '{expiresText}'.");
                return false;
            }

            expires = TimeSpan.FromSeconds(seconds);
        }

        return TryComplete(values[CredentialParameter], values[SignedHeadersParameter], values[SignatureParameter],
            values[DateParameter], signingTime, expires, presigned: true, out result, out error);
    }

    private static bool TryComplete(string credential, string signedHeaders, string signature, string timestamp,
        DateTimeOffset signingTime, TimeSpan? expires, bool presigned,
        [NotNullWhen(true)] out SigV4Authorization? result, [NotNullWhen(false)] out SigV4Error? error)
    {
        result = null;
        var scope = credential.Split('/');
        if (scope.Length != 5)
        {
            error = SigV4Errors.Incomplete(
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'");
            return false;
        }

        error = null;
        result = new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], scope[4],
            signedHeaders, signature, timestamp, signingTime, expires) { Presigned = presigned };
        return true;
    }

    private static SigV4Error BasicFormatExpected(string value) => SigV4Errors.Incomplete(
        $"Date must be in ISO-8601 'basic format'. Got '{value}'. See http://en.wikipedia.org/wiki/ISO_8601");
}
