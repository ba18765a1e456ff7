using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Signing;

/// <summary>The errors AWS answers for SigV4 failures, with AWS's wording where it is known.</summary>
internal static class SigV4Errors
{
    private const string IncompleteSignature = "IncompleteSignatureException";
    private const string InvalidSignature = "InvalidSignatureException";

    public static SigV4Error MissingAuthenticationToken() => new(SigV4ErrorKind.MissingAuthenticationToken,
        StatusCodes.Status403Forbidden, "MissingAuthenticationTokenException", "Missing Authentication Token");

    public static SigV4Error UnrecognizedClient() => new(SigV4ErrorKind.UnrecognizedClient,
        StatusCodes.Status403Forbidden, "UnrecognizedClientException", "The security token included in the request is invalid.");

    public static SigV4Error SignatureMismatch() => Invalid(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    public static SigV4Error Incomplete(string message) => new(SigV4ErrorKind.IncompleteSignature,
        StatusCodes.Status403Forbidden, IncompleteSignature, message);

    public static SigV4Error Invalid(string message) => new(SigV4ErrorKind.InvalidSignature,
        StatusCodes.Status403Forbidden, InvalidSignature, message);

    public static SigV4Error Expired(string timestamp, DateTimeOffset now, TimeSpan allowance) => new(SigV4ErrorKind.SignatureExpired,
        StatusCodes.Status403Forbidden, InvalidSignature,
        $"Signature expired: {timestamp} is now earlier than {SigV4Constants.FormatTimestamp(now - allowance)} ({SigV4Constants.FormatTimestamp(now)} - {Describe(allowance)})");

    public static SigV4Error NotYetCurrent(string timestamp, DateTimeOffset now, TimeSpan skew) => new(SigV4ErrorKind.SignatureNotYetCurrent,
        StatusCodes.Status403Forbidden, InvalidSignature,
        $"Signature not yet current: {timestamp} is still later than {SigV4Constants.FormatTimestamp(now + skew)} ({SigV4Constants.FormatTimestamp(now)} + {Describe(skew)})");

    public static SigV4Error PayloadTooLarge(long maxPayloadBytes) => new(SigV4ErrorKind.PayloadTooLarge,
        StatusCodes.Status413PayloadTooLarge, "PayloadTooLargeException",
        string.Create(CultureInfo.InvariantCulture, $"Request payload is larger than the {maxPayloadBytes} bytes that can be verified."));

    /// <summary>"5 min." as AWS writes it; odd allowances in seconds.</summary>
    private static string Describe(TimeSpan span) => span.Ticks % TimeSpan.TicksPerMinute == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMinutes} min.")
        : string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalSeconds} sec.");
}
