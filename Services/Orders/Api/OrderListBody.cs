using System.Text.Json.Serialization;
using Platform.Orders.Storage;

namespace Platform.Orders.Api;

/// <summary><c>{"items": [...], "nextToken": "..."}</c>; <see cref="NextToken"/> is null on the last page, and always present.</summary>
internal sealed record OrderListBody(
    IReadOnlyList<Order> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextToken);
