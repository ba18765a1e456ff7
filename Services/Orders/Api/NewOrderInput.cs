using System.Globalization;
using System.Text.Json;
using Platform.Orders.Storage;

namespace Platform.Orders.Api;

/// <summary>
/// The <c>POST /orders</c> body, <c>{"customerId", "items": [{"sku", "quantity", "unitPrice"}], "currency"?}</c>,
/// read and validated. Every problem is reported at once, each with the JSON Pointer of the input at fault.
/// Properties the API does not know are ignored.
/// </summary>
internal sealed record NewOrderInput(string CustomerId, IReadOnlyList<OrderItem> Items, string Currency)
{
    public const int MaxCustomerIdLength = 100;
    public const int MaxItems = 50;
    public const int MaxSkuLength = 64;
    public const int MaxQuantity = 1000;
    public const string DefaultCurrency = "EUR";

    /// <summary>
    /// The highest unit price. With 50 lines of 1000 units a total stays below 5e13, so every amount, in cents,
    /// is exact in a JavaScript number (2^53) as well as in a decimal.
    /// </summary>
    public const decimal MaxUnitPrice = 999_999_999.99m;

    private static readonly string MaxUnitPriceText = MaxUnitPrice.ToString(CultureInfo.InvariantCulture);

    public static bool TryRead(JsonElement root, out NewOrderInput input, out IReadOnlyList<FieldError> errors)
    {
        var problems = new List<FieldError>();
        var customerId = ReadText(root, "customerId", "/customerId", MaxCustomerIdLength, problems);
        var items = ReadItems(root, problems);
        var currency = ReadCurrency(root, problems);

        errors = problems;
        if (problems.Count > 0)
        {
            input = null!;
            return false;
        }

        input = new NewOrderInput(customerId!, items!, currency!);
        return true;
    }

    private static List<OrderItem>? ReadItems(JsonElement root, List<FieldError> errors)
    {
        if (!root.TryGetProperty("items", out var items) || items.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError("/items", "items is required."));
            return null;
        }

        if (items.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError("/items", $"items must be an array, not {JsonKinds.Describe(items.ValueKind)}."));
            return null;
        }

        var count = items.GetArrayLength();
        if (count is 0 or > MaxItems)
        {
            // Too many lines are not checked one by one: the answer would list thousands of problems.
            errors.Add(new FieldError("/items", $"items must have between 1 and {MaxItems} items (it has {count})."));
            return null;
        }

        var lines = new List<OrderItem>(count);
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var line = ReadItem(item, $"/items/{index}", errors);
            if (line is not null)
            {
                lines.Add(line);
            }

            index++;
        }

        return lines;
    }

    private static OrderItem? ReadItem(JsonElement item, string path, List<FieldError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path, $"Each item must be an object, not {JsonKinds.Describe(item.ValueKind)}."));
            return null;
        }

        var sku = ReadText(item, "sku", path + "/sku", MaxSkuLength, errors);
        var quantity = ReadQuantity(item, path + "/quantity", errors);
        var unitPrice = ReadUnitPrice(item, path + "/unitPrice", errors);
        return sku is not null && quantity is not null && unitPrice is not null ? new OrderItem(sku, quantity.Value, unitPrice.Value) : null;
    }

    /// <summary>An integer by value (<c>2</c> and <c>2.0</c> alike, as JSON Schema's <c>integer</c>) within 1..<see cref="MaxQuantity"/>.</summary>
    private static int? ReadQuantity(JsonElement item, string path, List<FieldError> errors)
    {
        if (!TryGetNumber(item, "quantity", path, errors, out var number))
        {
            return null;
        }

        if (!number.TryGetDecimal(out var value) || value != decimal.Truncate(value) || value is < 1 or > MaxQuantity)
        {
            errors.Add(new FieldError(path, $"quantity must be an integer between 1 and {MaxQuantity}."));
            return null;
        }

        return (int)value;
    }

    private static decimal? ReadUnitPrice(JsonElement item, string path, List<FieldError> errors)
    {
        if (!TryGetNumber(item, "unitPrice", path, errors, out var number))
        {
            return null;
        }

        string? problem = null;
        if (!number.TryGetDecimal(out var value) || value > MaxUnitPrice)
        {
            problem = $"unitPrice must be at most {MaxUnitPriceText}.";
        }
        else if (value < 0)
        {
            problem = "unitPrice must not be negative.";
        }
        else if (decimal.Round(value, 2) != value)
        {
            problem = "unitPrice must have at most 2 decimal places.";
        }

        if (problem is not null)
        {
            errors.Add(new FieldError(path, problem));
            return null;
        }

        // -0 is 0: a price never shows a sign.
        return value == 0 ? 0m : value;
    }

    private static string? ReadCurrency(JsonElement root, List<FieldError> errors)
    {
        if (!root.TryGetProperty("currency", out var currency) || currency.ValueKind == JsonValueKind.Null)
        {
            return DefaultCurrency;
        }

        // Three uppercase letters, the shape of ISO 4217 codes; the list of codes in use is not checked.
        var value = currency.ValueKind == JsonValueKind.String ? currency.GetString()! : string.Empty;
        if (value.Length != 3 || !value.All(char.IsAsciiLetterUpper))
        {
            errors.Add(new FieldError("/currency", "currency must be three uppercase letters, such as EUR."));
            return null;
        }

        return value;
    }

    /// <summary>A present, non-blank JSON string, trimmed, that passes <see cref="TextRules.Check"/>.</summary>
    private static string? ReadText(JsonElement parent, string name, string path, int maxLength, List<FieldError> errors)
    {
        if (!parent.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(path, $"{name} is required."));
            return null;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(path, $"{name} must be a string, not {JsonKinds.Describe(property.ValueKind)}."));
            return null;
        }

        var value = property.GetString()!.Trim();
        var problem = TextRules.Check(name, value, maxLength);
        if (problem is not null)
        {
            errors.Add(new FieldError(path, problem));
            return null;
        }

        return value;
    }

    private static bool TryGetNumber(JsonElement parent, string name, string path, List<FieldError> errors, out JsonElement number)
    {
        if (!parent.TryGetProperty(name, out number) || number.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(path, $"{name} is required."));
            return false;
        }

        if (number.ValueKind != JsonValueKind.Number)
        {
            errors.Add(new FieldError(path, $"{name} must be a number, not {JsonKinds.Describe(number.ValueKind)}."));
            return false;
        }

        return true;
    }
}
