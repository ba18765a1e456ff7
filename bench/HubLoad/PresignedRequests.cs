using System.Text;
using Platform.ServiceDefaults.Signing;

namespace Platform.HubLoad;

/// <summary>
/// PostToConnection requests as raw HTTP/1.1 bytes, each signed once with <see cref="SigV4Signer"/> and reused for the
/// run (a signature stays valid for SigV4's 5-minute clock skew). The tool then spends its share of the 2 cores on
/// sending rather than signing, while the hub still verifies every request it receives in full.
/// </summary>
internal static class PresignedRequests
{
    public static async Task<byte[][]> BuildAsync(LoadOptions options, HubTarget through, IEnumerable<string> connectionIds, byte[] payload)
    {
        var signer = new SigV4Signer(new SigV4Credentials(options.AccessKeyId, options.SecretAccessKey), "us-east-1", "execute-api");
        var requests = new List<byte[]>();
        foreach (var id in connectionIds)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, through.Management($"@connections/{id}")) { Content = new ByteArrayContent(payload) };
            await signer.SignAsync(request).ConfigureAwait(false);
            var head = new StringBuilder();
            head.Append("POST ").Append(request.RequestUri!.PathAndQuery).Append(" HTTP/1.1\r\n");
            foreach (var (name, values) in request.Headers.NonValidated)
            {
                head.Append(name).Append(": ").Append(values.ToString()).Append("\r\n");
            }

            head.Append("Content-Length: ").Append(payload.Length).Append("\r\n\r\n");
            requests.Add([.. Encoding.ASCII.GetBytes(head.ToString()), .. payload]);
        }

        return [.. requests];
    }
}
