using System.Globalization;
using StackExchange.Redis;

namespace Platform.ConnectionHub.Registry;

/// <summary>
/// A <see cref="ConnectionRecord"/> as the fields of its Redis hash: one field per property, times in the ISO 8601
/// round-trip format (<c>O</c>), the kind by name; null properties have no field.
/// </summary>
internal static class RedisRecordFormat
{
    public const string ConnectionIdField = "connectionId";
    public const string ScopeField = "scope";
    public const string ReplicaIdField = "replicaId";
    public const string ConnectedAtField = "connectedAt";
    public const string LastActiveAtField = "lastActiveAt";
    public const string SourceIpField = "sourceIp";
    public const string UserAgentField = "userAgent";
    public const string AuthorizerField = "authorizer";
    public const string KindField = "kind";

    /// <summary>Field, value, field, value...: the argument list of <c>HSET</c>.</summary>
    public static List<RedisValue> ToFieldValues(ConnectionRecord record)
    {
        var values = new List<RedisValue>(18)
        {
            ConnectionIdField, record.ConnectionId,
            ScopeField, record.Scope,
            ReplicaIdField, record.ReplicaId,
            ConnectedAtField, FormatTime(record.ConnectedAt),
            LastActiveAtField, FormatTime(record.LastActiveAt),
            KindField, record.Kind.ToString(),
        };
        AddIfSet(values, SourceIpField, record.SourceIp);
        AddIfSet(values, UserAgentField, record.UserAgent);
        AddIfSet(values, AuthorizerField, record.Authorizer);
        return values;
    }

    /// <summary>The record from <c>HGETALL</c>'s flat field/value list.</summary>
    public static ConnectionRecord FromFieldValues(RedisValue[] flat)
    {
        var fields = new Dictionary<string, string>(flat.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            fields[(string)flat[i]!] = (string)flat[i + 1]!;
        }

        var id = Required(fields, ConnectionIdField, "?");
        if (!Enum.TryParse<ConnectionKind>(Required(fields, KindField, id), ignoreCase: false, out var kind))
        {
            throw new InvalidDataException($"Connection {id} has an unknown kind '{fields[KindField]}'.");
        }

        return new ConnectionRecord
        {
            ConnectionId = id,
            Scope = Required(fields, ScopeField, id),
            ReplicaId = Required(fields, ReplicaIdField, id),
            ConnectedAt = ParseTime(Required(fields, ConnectedAtField, id)),
            LastActiveAt = ParseTime(Required(fields, LastActiveAtField, id)),
            SourceIp = fields.GetValueOrDefault(SourceIpField),
            UserAgent = fields.GetValueOrDefault(UserAgentField),
            Authorizer = fields.GetValueOrDefault(AuthorizerField),
            Kind = kind,
        };
    }

    public static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static void AddIfSet(List<RedisValue> values, string field, string? value)
    {
        if (value is not null)
        {
            values.Add(field);
            values.Add(value);
        }
    }

    private static string Required(Dictionary<string, string> fields, string field, string connectionId) =>
        fields.TryGetValue(field, out var value)
            ? value
            : throw new InvalidDataException($"Connection {connectionId} has no '{field}' field.");
}
