using Platform.Functions;

namespace Platform.Samples.Functions;

/// <summary>
/// The proxy response the samples give: status, <c>content-type</c>, body and <c>isBase64Encoded</c>. Written in
/// payload 2.0 form, which is also a valid payload 1.0 response, so the samples can sit behind either version.
/// </summary>
internal static class SampleResponses
{
    public static APIGatewayHttpApiV2ProxyResponse Json(string body) => new()
    {
        StatusCode = 200,
        Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["content-type"] = "application/json" },
        Body = body,
        IsBase64Encoded = false,
    };
}
