using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// <c>webSocketSettings</c> limits are positive and within what one hub can hold: idle timeout up to the maximum
/// duration, duration up to a day, frames up to the message size, messages up to 10 MB.
/// </summary>
internal sealed class WebSocketSettingsRule : IDefinitionRule
{
    public const int MaxDurationSeconds = 86_400;
    public const int MaxMessageBytes = 10 * 1024 * 1024;

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var settings in definition.Apis.Where(static a => a.IsWebSocket).Select(static a => a.WebSocketSettings).OfType<WebSocketSettingsDraft>())
        {
            var duration = settings.MaxConnectionDurationSeconds ?? WebSocketSettings.Default.MaxConnectionDurationSeconds;
            var message = settings.MaxMessageBytes ?? WebSocketSettings.Default.MaxMessageBytes;
            Range(settings, P.IdleTimeoutSeconds, settings.IdleTimeoutSeconds, 1, Math.Min(duration, MaxDurationSeconds), errors);
            Range(settings, P.MaxConnectionDurationSeconds, settings.MaxConnectionDurationSeconds, 1, MaxDurationSeconds, errors);
            Range(settings, P.MaxMessageBytes, settings.MaxMessageBytes, 1, MaxMessageBytes, errors);
            Range(settings, P.MaxFrameBytes, settings.MaxFrameBytes, 1, Math.Min(message, MaxMessageBytes), errors);
        }
    }

    private static void Range(WebSocketSettingsDraft settings, string property, int? value, int min, int max, ICollection<DefinitionError> errors)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(settings.ErrorAt(property, $"{property} must be {min} to {max}; got {v}"));
        }
    }
}
