using Platform.Gateway.Waf.Detection;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Waf;

/// <summary>
/// The SQL-injection and cross-site-scripting detectors measured against the corpora (written for this project:
/// attacks with encodings, case and comment tricks, polyglots; benign names with apostrophes, prose with SQL words,
/// markup that runs nothing, code, non-Latin text, real header values). The thresholds: an attack family is caught at
/// least 95% of the time, and at most 1% of benign values trip either detector — a WAF that blocks one customer in a
/// hundred is switched off.
/// </summary>
public sealed class WafCorpusTests(ITestOutputHelper output)
{
    private const double MinimumDetection = 0.95;
    private const double MaximumFalsePositives = 0.01;

    [Fact]
    public void Corpora_AreLargeEnough()
    {
        Assert.True(WafCorpus.Sqli.Count >= 150, $"sqli.txt has {WafCorpus.Sqli.Count} attacks");
        Assert.True(WafCorpus.Xss.Count >= 150, $"xss.txt has {WafCorpus.Xss.Count} attacks");
        Assert.True(WafCorpus.Benign.Count >= 400, $"benign.txt has {WafCorpus.Benign.Count} values");
    }

    [Fact]
    public void SqliDetector_SqliCorpus_DetectsAtLeast95Percent()
    {
        var missed = WafCorpus.Sqli.Where(static a => !SqlInjectionDetector.IsInjection(a)).ToList();

        var rate = Report("SQL injection detection", WafCorpus.Sqli.Count - missed.Count, WafCorpus.Sqli.Count, missed);
        Assert.True(rate >= MinimumDetection, $"detected {rate:P1}, below {MinimumDetection:P0}");
    }

    [Fact]
    public void XssDetector_XssCorpus_DetectsAtLeast95Percent()
    {
        var missed = WafCorpus.Xss.Where(static a => !CrossSiteScriptingDetector.IsAttack(a)).ToList();

        var rate = Report("XSS detection", WafCorpus.Xss.Count - missed.Count, WafCorpus.Xss.Count, missed);
        Assert.True(rate >= MinimumDetection, $"detected {rate:P1}, below {MinimumDetection:P0}");
    }

    [Fact]
    public void BothDetectors_BenignCorpus_AtMostOnePercentFalsePositives()
    {
        var sqli = WafCorpus.Benign.Where(static b => SqlInjectionDetector.IsInjection(b)).ToList();
        var xss = WafCorpus.Benign.Where(static b => CrossSiteScriptingDetector.IsAttack(b)).ToList();
        var either = sqli.Union(xss).ToList();

        Report("SQL injection false positives", sqli.Count, WafCorpus.Benign.Count, sqli);
        Report("XSS false positives", xss.Count, WafCorpus.Benign.Count, xss);
        var rate = Report("false positives (either detector)", either.Count, WafCorpus.Benign.Count, either);
        Assert.True(rate <= MaximumFalsePositives, $"{rate:P2} of benign values flagged, above {MaximumFalsePositives:P0}");
    }

    [Fact]
    public void Detectors_DoNotCrossFire_EachFamilyIsItsOwnDetectorsJob()
    {
        // Not a threshold, a sanity check: the corpora are distinct families, and each detector is measured on its own.
        var xssAsSqli = WafCorpus.Xss.Count(static a => SqlInjectionDetector.IsInjection(a));
        var sqliAsXss = WafCorpus.Sqli.Count(static a => CrossSiteScriptingDetector.IsAttack(a));

        output.WriteLine($"XSS attacks the SQLi detector also flags: {xssAsSqli}/{WafCorpus.Xss.Count}; SQLi attacks the XSS detector also flags: {sqliAsXss}/{WafCorpus.Sqli.Count}");
        Assert.True(sqliAsXss < WafCorpus.Sqli.Count / 2, "the XSS detector flags most SQL injections: it is not telling the families apart");
    }

    private double Report(string what, int count, int total, IReadOnlyList<string> listed)
    {
        var rate = (double)count / total;
        output.WriteLine($"{what}: {count}/{total} = {rate:P2}");
        foreach (var value in listed)
        {
            output.WriteLine("  " + value);
        }

        return rate;
    }
}
