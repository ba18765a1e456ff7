using System.Globalization;
using System.Text.Json;
using Platform.Functions;

namespace Platform.Samples.Functions;

/// <summary>
/// <c>catalog</c>: a small product catalogue for the gateway's response cache to serve (<c>GET /catalog</c>, cached 60 s
/// per <c>category</c>). Answers the items of <c>?category=</c> (all without it) and when the answer was made, so a
/// cached response is recognisable by its <c>generatedAt</c>; an unknown category is a 404 (never cached).
/// </summary>
internal sealed class CatalogFunction(TimeProvider time)
{
    public const string Name = "catalog";

    private static readonly CatalogItem[] Items =
    [
        new("b-001", "books", "The Pragmatic Gateway", 34.50m),
        new("b-002", "books", "Distributed Buckets", 41.00m),
        new("g-001", "games", "Throttle Racer", 19.99m),
        new("g-002", "games", "Cache Quest", 24.99m),
        new("t-001", "tools", "Token Bucket (1 L)", 7.25m),
        new("t-002", "tools", "Schema Spanner", 12.00m),
    ];

    public static IReadOnlyCollection<string> Categories { get; } = Items.Select(static i => i.Category).Distinct(StringComparer.Ordinal).ToArray();

    public APIGatewayHttpApiV2ProxyResponse Handle(JsonElement @event, FunctionContext context)
    {
        string? category = null;
        if (@event.ValueKind == JsonValueKind.Object
            && @event.TryGetProperty("queryStringParameters", out var query) && query.ValueKind == JsonValueKind.Object
            && query.TryGetProperty("category", out var value) && value.ValueKind == JsonValueKind.String)
        {
            category = value.GetString();
        }

        if (category is not null && !Categories.Contains(category, StringComparer.Ordinal))
        {
            return new APIGatewayHttpApiV2ProxyResponse
            {
                StatusCode = 404,
                Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["content-type"] = "application/json" },
                Body = JsonSerializer.Serialize(new CatalogError($"no category '{category}'; categories: {string.Join(", ", Categories)}"), SamplesJsonContext.Default.CatalogError),
            };
        }

        var page = new CatalogPage(
            category,
            [.. Items.Where(i => category is null || i.Category == category)],
            time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        return SampleResponses.Json(JsonSerializer.Serialize(page, SamplesJsonContext.Default.CatalogPage));
    }
}

internal sealed record CatalogItem(string Id, string Category, string Name, decimal Price);

internal sealed record CatalogPage(string? Category, IReadOnlyList<CatalogItem> Items, string GeneratedAt);

internal sealed record CatalogError(string Message);
