using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Users.Storage;

namespace Platform.Users.Handlers;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(UserListBody))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class UsersJsonContext : JsonSerializerContext
{
    /// <summary>Bodies as clients expect them: no HTML-safe <c>"</c>-style escapes in a JSON API (see FunctionJsonContext.Wire).</summary>
    public static UsersJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
