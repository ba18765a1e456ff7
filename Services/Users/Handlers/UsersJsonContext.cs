using System.Text.Json.Serialization;
using Platform.Users.Storage;

namespace Platform.Users.Handlers;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(UserListBody))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class UsersJsonContext : JsonSerializerContext;
