using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Definitions;
using Platform.Definitions.UsagePlans;
using Platform.Gateway.Runtime;
using Platform.Gateway.Tests.Definitions;
using Platform.Gateway.UsagePlans;
using static Platform.Gateway.Tests.UsagePlans.PlanDefinitions;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>Keys by hash, plans by API stage, one index per definition snapshot, and definitions built in code that bind a key twice.</summary>
public sealed class ApiKeyIndexTests
{
    private static readonly GatewayDefinition Definition = Compile().Definition;

    [Theory]
    [InlineData(GoldKey, "gold-key")]
    [InlineData(HashedKey, "hashed-key")]
    [InlineData(DisabledKey, "disabled-key")]
    [InlineData("gold-key-0123456789abcdeF", null)]
    [InlineData("", null)]
    public void Find_PresentedValue_KeyWithThatValue(string presented, string? id)
    {
        var entry = ApiKeyIndex.For(Definition).Find(presented);

        Assert.Equal(id, entry?.Key.Id);
    }

    [Theory]
    [InlineData("free-key-0123456789abcdef")]
    [InlineData("clé-ünïcødé-0123456789-🔑")]
    [InlineData("")]
    public void Sha256Hex_AnyValue_SameAsTheDefinitionsHash(string value)
    {
        Assert.Equal(ApiKeyDefinition.Hash(value), ApiKeyIndex.Sha256Hex(value));
        var longValue = new string('k', 1000) + value;
        Assert.Equal(ApiKeyDefinition.Hash(longValue), ApiKeyIndex.Sha256Hex(longValue));
    }

    [Fact]
    public void For_SameSnapshot_CompiledOnce()
    {
        var first = ApiKeyIndex.For(Definition);

        Assert.Same(first, ApiKeyIndex.For(Definition));
        Assert.NotSame(first, ApiKeyIndex.For(Definition with { }));
    }

    [Fact]
    public void BindingFor_ApiStage_ThePlanCoveringItOrNone()
    {
        var gold = ApiKeyIndex.For(Definition).Find(GoldKey)!;

        Assert.Equal("gold", gold.BindingFor("shop", "prod")?.Plan.Name);
        Assert.Equal("gold", gold.BindingFor("chat", "prod")?.Plan.Name);
        Assert.Null(gold.BindingFor("shop", "beta"));
        Assert.Null(gold.BindingFor("shop", "PROD"));
        Assert.NotNull(gold.BindingFor("shop", "prod")!.RouteThrottleFor("GET /partner/{proxy+}"));
        Assert.Null(gold.BindingFor("shop", "prod")!.RouteThrottleFor("GET /items"));
    }

    [Fact]
    public void KeyIdsOf_Plan_ItsKeysInIdOrder()
    {
        var index = ApiKeyIndex.For(Definition);

        Assert.Equal(["disabled-key", "gold-key", "hashed-key"], index.KeyIdsOf("gold"));
        Assert.Equal(["silver-key"], index.KeyIdsOf("silver"));
        Assert.Empty(index.KeyIdsOf("nope"));
    }

    [Fact]
    public async Task Enforce_KeyInTwoPlansOnOneStage_FirstPlanByNameAppliesAndWarnsOnce()
    {
        // The loader rejects this; a snapshot built in code can still hold it.
        var bronze = new UsagePlanDefinition
        {
            Name = "bronze",
            ApiStages = [new UsagePlanApiStage { Api = "shop", Stage = "prod" }],
            Quota = new QuotaSettings(1, QuotaPeriod.Day),
        };
        var definition = Definition with
        {
            UsagePlans = new Dictionary<string, UsagePlanDefinition>(Definition.UsagePlans) { ["bronze"] = bronze },
            ApiKeys = new Dictionary<string, ApiKeyDefinition>(Definition.ApiKeys)
            {
                ["gold-key"] = Definition.ApiKeys["gold-key"] with { UsagePlans = ["gold", "bronze"] },
            },
        };
        var gateway = new CompiledGateway(definition, 2);
        using var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var enforcer = new UsagePlanEnforcer(new InMemoryUsagePlanStore(Options.Create(new UsagePlanOptions())),
            new UsagePlanTelemetry(meters.GetRequiredService<IMeterFactory>()), loggers.CreateLogger<UsagePlanEnforcer>());

        var errors = new List<Platform.Gateway.Responses.GatewayError?>();
        for (var i = 0; i < 2; i++)
        {
            var context = new DefaultHttpContext();
            context.Request.Headers["x-api-key"] = GoldKey;
            errors.Add(await enforcer.EnforceAsync(context, Request(gateway, "shop", "prod", "GET /items", Now)).AsTask().WaitAsync(TestTimeouts.Default));
        }

        // bronze (1 a day) applies, not gold (6 a day).
        Assert.Null(errors[0]);
        Assert.Equal(Platform.Definitions.Responses.GatewayResponseType.QuotaExceeded, errors[1]?.Type);
        var warning = Assert.Single(logs.Records, r => r.Level == LogLevel.Warning);
        Assert.Contains("'bronze' and 'gold', both bound to shop/prod; 'bronze' applies", warning.Message, StringComparison.Ordinal);
    }
}
