namespace Platform.Gateway.Tests.Waf;

/// <summary>The corpora of Waf/Corpus: one value a line, as a field would carry it (encoded or not); blank lines skipped.</summary>
internal static class WafCorpus
{
    public static IReadOnlyList<string> Sqli { get; } = Read("sqli.txt");

    public static IReadOnlyList<string> Xss { get; } = Read("xss.txt");

    public static IReadOnlyList<string> Benign { get; } = Read("benign.txt");

    private static string[] Read(string name) =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Waf", "Corpus", name)).Where(static l => l.Length > 0)];
}
