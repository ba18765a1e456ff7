using Platform.Gateway.Waf.Detection;

namespace Platform.Gateway.Tests.Waf;

/// <summary>The remembered verdicts: the detector's answers, first time and from memory, within their bounds.</summary>
public sealed class DetectionCacheTests
{
    [Fact]
    public void IsAttack_Corpora_SameVerdictsFreshAndRemembered()
    {
        var sqli = DetectionCache.ForSqlInjection();
        var xss = DetectionCache.ForCrossSiteScripting();
        var values = WafCorpus.Sqli.Concat(WafCorpus.Xss).Concat(WafCorpus.Benign).ToList();

        foreach (var pass in new[] { "fresh", "remembered" })
        {
            foreach (var value in values)
            {
                Assert.True(SqlInjectionDetector.IsInjection(value) == sqli.IsAttack(value), $"{pass} SQLi verdict on {value}");
                Assert.True(CrossSiteScriptingDetector.IsAttack(value) == xss.IsAttack(value), $"{pass} XSS verdict on {value}");
            }
        }

        Assert.InRange(sqli.Count, 1, DetectionCache.Capacity);
    }

    [Fact]
    public void IsAttack_ManyDistinctValues_StaysWithinCapacity()
    {
        var cache = DetectionCache.ForSqlInjection();

        for (var i = 0; i < DetectionCache.Capacity * 3; i++)
        {
            cache.IsAttack($"value {i}; with punctuation");
        }

        Assert.InRange(cache.Count, 1, DetectionCache.Capacity);
    }

    [Fact]
    public void IsAttack_LongOrPlainValues_NotRemembered()
    {
        var cache = DetectionCache.ForSqlInjection();

        var long1 = cache.IsAttack(new string('a', DetectionCache.MaxLength) + " ' or 1=1--");
        var plain = cache.IsAttack("plainword");

        Assert.Equal((true, false, 0), (long1, plain, cache.Count));
    }
}
