using Platform.Definitions;
using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Definitions;

/// <summary>
/// Hot reload with real files and real file-system events. Each test awaits the reload it caused through
/// <see cref="DefinitionMonitor.Reloaded"/>, bounded by <see cref="TestTimeouts.Default"/>; nothing sleeps.
/// </summary>
public sealed class DefinitionMonitorReloadTests : IDisposable
{
    private const string OneRoute = "'routes': {'GET /x': {'integration': 'i'}}";
    private const string TwoRoutes = "'routes': {'GET /x': {'integration': 'i'}, 'GET /y': {'integration': 'i'}}";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task FileChanged_ValidDefinition_SwapsItIn()
    {
        _directory.Write("defs/shop.json", Api(name: "shop", routes: OneRoute));
        await using var host = await DefinitionHost.StartAsync(_directory.Path, "defs");
        using var metrics = new ReloadMetrics(host.Host);
        var reload = host.Reloads.Next(static r => r.Succeeded);

        _directory.Write("defs/shop.json", Api(name: "shop", routes: TwoRoutes));
        var result = await reload.WaitAsync(TestTimeouts.Default);

        Assert.True(result.Version > 1);
        Assert.Equal(result.Version, host.State.Current.Version);
        Assert.Contains(host.State.Current.Apis["shop"].Definition.Routes, static r => r.Key.Text == "GET /y");
        Assert.True(metrics["success"] >= 1);
    }

    [Fact]
    public async Task FileChanged_InvalidThenFixed_KeepsTheLastGoodVersionThenLoadsTheFix()
    {
        var file = _directory.Write("defs/shop.json", Api(name: "shop", routes: OneRoute));
        await using var host = await DefinitionHost.StartAsync(_directory.Path, "defs");
        using var metrics = new ReloadMetrics(host.Host);
        var failed = host.Reloads.Next(static r => !r.Succeeded);

        // Replaced atomically, so no reload can read it half-written and report something else.
        _directory.WriteViaRename("defs/shop.json", Api(name: "shop", routes: "'routes': {'GET /x': {'integration': 'missing'}}"));
        var failure = await failed.WaitAsync(TestTimeouts.Default);

        Assert.Equal(1, failure.Version);
        Assert.Equal(1, host.State.Current.Version);
        Assert.Equal(
            new DefinitionError(file, "apis.shop.routes[\"GET /x\"].integration", "unknown integration 'missing'; the API declares: i"),
            Assert.Single(failure.Errors));
        Assert.Contains(host.LogsOf("ReloadFailed"), static r => r.Message == "Reloading the API definitions found 1 error(s); version 1 stays live.");
        Assert.Contains(host.LogsOf("DefinitionError"), r => r["File"] == file && r["Key"] == "apis.shop.routes[\"GET /x\"].integration");
        Assert.True(metrics["failure"] >= 1);

        var fixedReload = host.Reloads.Next(static r => r.Succeeded);
        _directory.Write("defs/shop.json", Api(name: "shop", routes: TwoRoutes));
        var success = await fixedReload.WaitAsync(TestTimeouts.Default);

        Assert.True(success.Version > 1);
        Assert.Equal(2, host.State.Current.Apis["shop"].Definition.Routes.Count);
    }

    [Fact]
    public async Task FileSavedViaRename_ConfiguredFile_Reloads()
    {
        _directory.Write("shop.json", Api(name: "shop", routes: OneRoute));
        await using var host = await DefinitionHost.StartAsync(_directory.Path, "shop.json");
        var reload = host.Reloads.Next(static r => r.Succeeded);

        _directory.WriteViaRename("shop.json", Api(name: "shop", routes: TwoRoutes));
        var result = await reload.WaitAsync(TestTimeouts.Default);

        Assert.Equal(result.Version, host.State.Current.Version);
        Assert.Contains(host.State.Current.Apis["shop"].Definition.Routes, static r => r.Key.Text == "GET /y");
    }

    [Fact]
    public async Task NewFileInWatchedDirectory_IsLoaded()
    {
        _directory.Write("defs/a.json", Api(name: "a"));
        await using var host = await DefinitionHost.StartAsync(_directory.Path, "defs");
        var reload = host.Reloads.Next(static r => r.Succeeded);

        _directory.WriteViaRename("defs/b.json", Api(name: "b"));
        await reload.WaitAsync(TestTimeouts.Default);

        Assert.Equal(["a", "b"], host.State.Current.Apis.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FileDeleted_ConfiguredFile_ReportsItMissingAndKeepsServing()
    {
        var file = _directory.Write("shop.json", Api(name: "shop"));
        await using var host = await DefinitionHost.StartAsync(_directory.Path, "shop.json");
        var failed = host.Reloads.Next(static r => !r.Succeeded);

        File.Delete(file);
        var failure = await failed.WaitAsync(TestTimeouts.Default);

        Assert.Equal(new DefinitionError(file, "$", "no such file or directory"), Assert.Single(failure.Errors));
        Assert.True(host.State.Current.Apis.ContainsKey("shop"));
    }

    [Fact]
    public async Task ConfigurationReloaded_NewPaths_LoadsAndWatchesThem()
    {
        _directory.Write("one/a.json", Api(name: "a"));
        _directory.Write("two/b.json", Api(name: "b"));
        await using var host = await DefinitionHost.StartAsync(_directory.Path, "one");
        var switched = host.Reloads.Next(static r => r.Succeeded);

        host.Configuration[$"{DefinitionMonitor.ConfigurationKey}:0"] = "two";
        host.Configuration.Reload();
        await switched.WaitAsync(TestTimeouts.Default);

        Assert.Equal(["b"], host.State.Current.Apis.Keys);
        Assert.Single(host.LogsOf("PathsChanged"));

        // The new directory is watched from now on.
        var added = host.Reloads.Next(static r => r.Succeeded);
        _directory.Write("two/c.json", Api(name: "c"));
        await added.WaitAsync(TestTimeouts.Default);

        Assert.Equal(["b", "c"], host.State.Current.Apis.Keys.Order(StringComparer.Ordinal));
    }
}
