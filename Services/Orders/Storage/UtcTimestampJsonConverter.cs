using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Orders.Storage;

/// <summary>Writes instants as ISO-8601 UTC with milliseconds (<c>2024-05-01T12:00:00.123Z</c>), the form JavaScript's toISOString gives.</summary>
internal sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
