namespace Platform.Definitions.Waf;

/// <summary>A transformation a byte or regex match applies to the field first, in the order listed.</summary>
public enum TextTransformation
{
    /// <summary>One pass of percent-decoding (<c>+</c> stays <c>+</c>).</summary>
    UrlDecode,

    /// <summary><c>&amp;lt;</c>, <c>&amp;#60;</c>, <c>&amp;#x3c;</c> and the common named entities.</summary>
    HtmlEntityDecode,

    Lowercase,

    /// <summary>Runs of white space (space, tab, CR, LF, VT, FF, NBSP) become one space.</summary>
    CompressWhiteSpace,
}
