namespace Platform.Definitions.Drafts;

/// <summary><c>apis.{api}.corsConfiguration</c> as read.</summary>
internal sealed record CorsConfigurationDraft : DraftObject
{
    public IReadOnlyList<string>? AllowOrigins { get; init; }

    public IReadOnlyList<string>? AllowMethods { get; init; }

    public IReadOnlyList<string>? AllowHeaders { get; init; }

    public IReadOnlyList<string>? ExposeHeaders { get; init; }

    public int? MaxAge { get; init; }

    public bool? AllowCredentials { get; init; }
}
