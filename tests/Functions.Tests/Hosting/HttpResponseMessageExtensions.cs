using System.Text.Json;

namespace Platform.Functions.Tests.Hosting;

internal static class HttpResponseMessageExtensions
{
    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;

    public static Task<string> BodyAsync(this HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);

    public static async Task<FunctionServiceError> ServiceErrorAsync(this HttpResponseMessage response) =>
        JsonSerializer.Deserialize(await response.BodyAsync(), FunctionJsonContext.Default.FunctionServiceError)!;
}
