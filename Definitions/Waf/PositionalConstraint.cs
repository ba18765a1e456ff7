namespace Platform.Definitions.Waf;

/// <summary>Where a byte match's search string must appear in the field.</summary>
public enum PositionalConstraint
{
    Exactly,
    StartsWith,
    EndsWith,
    Contains,

    /// <summary>Contains it, delimited by the field's ends or by characters other than letters, digits and <c>_</c>.</summary>
    ContainsWord,
}
