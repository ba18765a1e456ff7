using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Orders.Storage;

/// <summary>
/// Writes amounts with exactly two decimals (<c>12.50</c>, not <c>12.5</c> or <c>12.500</c>), whatever scale the
/// decimal carries, so that every amount reads as money; reads any JSON number.
/// </summary>
internal sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // "0.00" of a decimal is always a valid JSON number: no exponent, no group separator, invariant point.
        writer.WriteRawValue(value.ToString("0.00", CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}
