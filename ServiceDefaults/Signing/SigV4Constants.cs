using System.Globalization;

namespace Platform.ServiceDefaults.Signing;

/// <summary>The fixed strings of Signature Version 4 and the timestamp format both directions share.</summary>
internal static class SigV4Constants
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public const string AmzDateHeader = "x-amz-date";
    public const string ContentSha256Header = "x-amz-content-sha256";
    public const string HostHeader = "host";

    public const string AlgorithmParameter = "X-Amz-Algorithm";
    public const string CredentialParameter = "X-Amz-Credential";
    public const string DateParameter = "X-Amz-Date";
    public const string ExpiresParameter = "X-Amz-Expires";
    public const string SignedHeadersParameter = "X-Amz-SignedHeaders";
    public const string SignatureParameter = "X-Amz-Signature";

    /// <summary>SigV4 presigned URLs live at most a week.</summary>
    public const int MaxExpiresSeconds = 604_800;

    private const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";

    private static readonly string[] HttpDateFormats = ["r", "ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz"];

    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static bool TryParseTimestamp(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, TimestampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>
    /// The <c>Date</c> header, which SigV4 accepts when <c>X-Amz-Date</c> is absent: RFC 1123 with <c>GMT</c>, or
    /// with a numeric zone as botocore writes it (<c>Sun, 30 Aug 2015 12:36:00 -0000</c>).
    /// </summary>
    public static bool TryParseHttpDate(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, HttpDateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
