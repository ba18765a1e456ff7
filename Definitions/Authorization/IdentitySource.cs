using System.Diagnostics.CodeAnalysis;

namespace Platform.Definitions.Authorization;

/// <summary>Where an identity source expression reads from.</summary>
public enum IdentitySourceKind
{
    /// <summary><c>$request.header.{name}</c> (REST: <c>method.request.header.{name}</c>); case-insensitive name.</summary>
    Header,

    /// <summary><c>$request.querystring.{name}</c> (REST: <c>method.request.querystring.{name}</c>).</summary>
    QueryString,

    /// <summary><c>$stageVariables.{name}</c> (REST: <c>stageVariables.{name}</c>).</summary>
    StageVariable,

    /// <summary><c>$context.{name}</c> (REST: <c>context.{name}</c>): one of the gateway's <c>$context</c> variables.</summary>
    Context,
}

/// <summary>
/// One identity source of an authorizer, e.g. <c>$request.header.Authorization</c>. Both the HTTP API syntax
/// (<c>$request.header.X</c>) and the REST syntax (<c>method.request.header.X</c>) are accepted.
/// </summary>
public sealed record IdentitySource(IdentitySourceKind Kind, string Name, string Text)
{
    /// <summary>AWS's default identity source: the <c>Authorization</c> header.</summary>
    public static IdentitySource AuthorizationHeader { get; } = new(IdentitySourceKind.Header, "Authorization", "$request.header.Authorization");

    private static readonly (string Prefix, IdentitySourceKind Kind)[] Prefixes =
    [
        ("$request.header.", IdentitySourceKind.Header),
        ("$request.querystring.", IdentitySourceKind.QueryString),
        ("$stageVariables.", IdentitySourceKind.StageVariable),
        ("$context.", IdentitySourceKind.Context),
        ("method.request.header.", IdentitySourceKind.Header),
        ("method.request.querystring.", IdentitySourceKind.QueryString),
        ("stageVariables.", IdentitySourceKind.StageVariable),
        ("context.", IdentitySourceKind.Context),
    ];

    public static bool TryParse(string? text, [NotNullWhen(true)] out IdentitySource? source, [NotNullWhen(false)] out string? error)
    {
        source = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "an identity source must not be empty";
            return false;
        }

        foreach (var (prefix, kind) in Prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                var name = text[prefix.Length..];
                if (name.Length == 0 || name.Any(static c => char.IsWhiteSpace(c) || char.IsControl(c)))
                {
                    error = $"identity source '{text}' needs a name after '{prefix}' without spaces";
                    return false;
                }

                source = new IdentitySource(kind, name, text);
                error = null;
                return true;
            }
        }

        error = $"identity source '{text}' must start with $request.header., $request.querystring., $stageVariables. or $context.";
        return false;
    }

    public override string ToString() => Text;
}
