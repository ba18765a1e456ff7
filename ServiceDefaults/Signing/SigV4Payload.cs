using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Signing;

/// <summary>The payload hash of an incoming request, read from a rewound, buffered body.</summary>
internal static class SigV4Payload
{
    /// <summary>
    /// The hash the canonical request carries: <c>x-amz-content-sha256</c> when the client sent one (after checking it
    /// against the body), otherwise the SHA-256 of the body. The body is buffered and rewound so the endpoint
    /// can still read it.
    /// </summary>
    public static async ValueTask<(string? Hash, SigV4Error? Error)> HashAsync(
        HttpRequest request, long maxPayloadBytes, bool allowUnsignedPayload, CancellationToken cancellationToken)
    {
        var declared = request.Headers[SigV4Constants.ContentSha256Header].ToString();
        if (declared == SigV4Constants.UnsignedPayload)
        {
            return allowUnsignedPayload
                ? (declared, null)
                : (null, SigV4Errors.Invalid("UNSIGNED-PAYLOAD is not accepted: sign the SHA-256 of the payload."));
        }

        var computed = await HashBodyAsync(request, maxPayloadBytes, cancellationToken);
        if (computed is null)
        {
            return (null, SigV4Errors.PayloadTooLarge(maxPayloadBytes));
        }

        if (declared.Length == 0)
        {
            return (computed, null);
        }

        // A declared hash that does not describe the body would let a signed header vouch for any payload.
        return string.Equals(declared, computed, StringComparison.OrdinalIgnoreCase)
            ? (declared, null)
            : (null, SigV4Errors.Invalid("The provided 'x-amz-content-sha256' header does not match what was computed."));
    }

    /// <summary>Hex SHA-256 of the whole body, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    private static async ValueTask<string?> HashBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        request.EnableBuffering();
        var body = request.Body;
        body.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    return null;
                }

                hash.AppendData(buffer, 0, read);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            body.Position = 0;
        }
    }
}
