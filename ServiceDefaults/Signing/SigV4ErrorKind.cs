namespace Platform.ServiceDefaults.Signing;

/// <summary>Why a request failed SigV4 verification; each maps to one AWS error type.</summary>
public enum SigV4ErrorKind
{
    /// <summary>No Authorization header and no presigned query: <c>MissingAuthenticationTokenException</c>.</summary>
    MissingAuthenticationToken,

    /// <summary>Authorization header or presigned query malformed: <c>IncompleteSignatureException</c>.</summary>
    IncompleteSignature,

    /// <summary>The access key id is not configured: <c>UnrecognizedClientException</c>.</summary>
    UnrecognizedClient,

    /// <summary>Signature or credential scope wrong: <c>InvalidSignatureException</c>.</summary>
    InvalidSignature,

    /// <summary>Signed too long ago (or the presigned URL expired): <c>InvalidSignatureException</c>.</summary>
    SignatureExpired,

    /// <summary>Signed too far in the future: <c>InvalidSignatureException</c>.</summary>
    SignatureNotYetCurrent,

    /// <summary>The body is larger than the verifier may buffer to hash it: 413.</summary>
    PayloadTooLarge,
}
