using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Functions;

namespace Platform.Users.Handlers;

/// <summary>
/// The createUser body, <c>{"name": "...", "email": "..."}</c>, read and validated. Every rejection says what
/// is wrong and, when one input is at fault, which (<see cref="InputError.Field"/>).
/// </summary>
internal sealed partial record NewUserInput(string Name, string Email)
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;

    public static bool TryRead(APIGatewayHttpApiV2ProxyRequest request, out NewUserInput input, out InputError error)
    {
        input = null!;
        if (!TryParseObject(request, out var root, out error))
        {
            return false;
        }

        if (!TryReadName(root, out var name, out error) || !TryReadEmail(root, out var email, out error))
        {
            return false;
        }

        input = new NewUserInput(name, email);
        return true;
    }

    private static bool TryParseObject(APIGatewayHttpApiV2ProxyRequest request, out JsonElement root, out InputError error)
    {
        root = default;
        byte[] body;
        try
        {
            body = request.GetBodyBytes();
        }
        catch (FormatException)
        {
            error = new InputError("The body is marked isBase64Encoded but is not valid base64.");
            return false;
        }

        if (body.Length == 0)
        {
            error = new InputError("A JSON body is required: {\"name\": \"...\", \"email\": \"...\"}.");
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            error = new InputError("The body is not valid JSON: " + ex.Message);
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = new InputError($"The body must be a JSON object with name and email, not {Describe(root.ValueKind)}.");
            return false;
        }

        error = default;
        return true;
    }

    private static bool TryReadName(JsonElement root, out string name, out InputError error)
    {
        if (!TryReadString(root, "name", out name, out error))
        {
            return false;
        }

        var length = name.EnumerateRunes().Count();
        if (length > MaxNameLength)
        {
            error = new InputError($"name must be at most {MaxNameLength} characters (it has {length}).", "name");
            return false;
        }

        if (name.Any(char.IsControl))
        {
            error = new InputError("name must not contain control characters.", "name");
            return false;
        }

        return true;
    }

    private static bool TryReadEmail(JsonElement root, out string email, out InputError error)
    {
        if (!TryReadString(root, "email", out email, out error))
        {
            return false;
        }

        if (email.Length > MaxEmailLength)
        {
            error = new InputError($"email must be at most {MaxEmailLength} characters.", "email");
            return false;
        }

        if (!EmailShape().IsMatch(email))
        {
            error = new InputError("email must be an email address such as ada@example.com.", "email");
            return false;
        }

        return true;
    }

    /// <summary>A present, non-blank JSON string, trimmed.</summary>
    private static bool TryReadString(JsonElement root, string field, out string value, out InputError error)
    {
        value = string.Empty;
        if (!root.TryGetProperty(field, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            error = new InputError($"{field} is required.", field);
            return false;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            error = new InputError($"{field} must be a string, not {Describe(property.ValueKind)}.", field);
            return false;
        }

        value = property.GetString()!.Trim();
        if (value.Length == 0)
        {
            error = new InputError($"{field} must not be empty.", field);
            return false;
        }

        error = default;
        return true;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a string",
    };

    // A sane shape, not RFC 5322 in full: dot-atom local part (≤ 64), then a domain of at least two
    // DNS labels (letters, digits, inner hyphens, ≤ 63 each). Quoted local parts and IP literals are refused.
    [GeneratedRegex(
        @"^(?=.{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
