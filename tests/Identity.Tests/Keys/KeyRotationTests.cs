using System.Text.Json.Nodes;

namespace Platform.Identity.Tests.Keys;

/// <summary>Signing keys rotate on the clock; a replaced key stays published until the tokens it signed have expired.</summary>
public sealed class KeyRotationTests
{
    private static readonly TimeSpan Rotation = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Identity:KeyRotation"] = "00:30:00",
        ["Identity:TokenLifetime"] = "00:10:00",
    };

    [Fact]
    public async Task Rotation_AfterThePeriod_NewTokensUseANewKidAndTheOldOneStaysUntilItsTokensExpire()
    {
        // Arrange: a token signed by the first key just before the rotation is due.
        var clock = new ManualTimeProvider();
        await using var app = IdentityApp.Start(Settings, clock);
        var firstKid = Jwt.Parse(await TokenAsync(app)).KeyId;
        clock.Advance(Rotation - TimeSpan.FromSeconds(1));
        var lastOfFirstKey = Jwt.Parse(await TokenAsync(app));

        // Act: the period is over; the next request rotates.
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterRotation = Jwt.Parse(await TokenAsync(app));
        var jwksAfterRotation = await Jwks(app);

        // Assert: new kid, both keys published, the first key's last token still verifies.
        Assert.Equal(firstKid, lastOfFirstKey.KeyId);
        Assert.NotEqual(firstKid, afterRotation.KeyId);
        Assert.Equal([afterRotation.KeyId, firstKid], Kids(jwksAfterRotation));
        Assert.True(lastOfFirstKey.VerifiesWith(jwksAfterRotation));
        Assert.True(afterRotation.VerifiesWith(jwksAfterRotation));

        // Act: while the old key's last token is still valid, then once the lifetime has passed since the rotation
        // (the old key signed nothing after it, so every token it signed has expired by then).
        clock.Advance(Lifetime - TimeSpan.FromSeconds(2));
        var beforeExpiry = await Jwks(app);
        var lastTokenStillValid = clock.GetUtcNow().ToUnixTimeSeconds() < (long)lastOfFirstKey.Payload["exp"]!;
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterExpiry = await Jwks(app);

        // Assert
        Assert.True(lastTokenStillValid);
        Assert.Equal([afterRotation.KeyId, firstKid], Kids(beforeExpiry));
        Assert.True(clock.GetUtcNow().ToUnixTimeSeconds() >= (long)lastOfFirstKey.Payload["exp"]!);
        Assert.Equal([afterRotation.KeyId], Kids(afterExpiry));
        Assert.True(afterRotation.VerifiesWith(afterExpiry));
        Assert.False(lastOfFirstKey.VerifiesWith(afterExpiry));
    }

    [Fact]
    public async Task Rotation_BeforeThePeriod_KeepsTheKey()
    {
        // Arrange
        var clock = new ManualTimeProvider();
        await using var app = IdentityApp.Start(Settings, clock);
        var first = Jwt.Parse(await TokenAsync(app)).KeyId;

        // Act
        clock.Advance(Rotation - TimeSpan.FromTicks(1));
        var second = Jwt.Parse(await TokenAsync(app)).KeyId;

        // Assert
        Assert.Equal(first, second);
        Assert.Equal([first], Kids(await Jwks(app)));
    }

    [Fact]
    public async Task Rotation_TwoPeriods_PublishesEveryKeyWhoseTokensMayStillBeValid()
    {
        // Arrange: rotation shorter than the lifetime, so two replaced keys can still have live tokens.
        var clock = new ManualTimeProvider();
        await using var app = IdentityApp.Start(
            new Dictionary<string, string?> { ["Identity:KeyRotation"] = "00:05:00", ["Identity:TokenLifetime"] = "00:12:00" }, clock);
        var kid1 = Jwt.Parse(await TokenAsync(app)).KeyId;
        clock.Advance(TimeSpan.FromMinutes(5));
        var kid2 = Jwt.Parse(await TokenAsync(app)).KeyId;
        clock.Advance(TimeSpan.FromMinutes(5));

        // Act
        var kid3 = Jwt.Parse(await TokenAsync(app)).KeyId;
        var published = Kids(await Jwks(app));
        // +17 min: kid3 (from +10) is due and replaced by a kid4; kid1, retired at +5, is gone (5 + 12);
        // kid2, retired at +10, stays until +22.
        clock.Advance(TimeSpan.FromMinutes(7));
        var later = Kids(await Jwks(app));

        // Assert
        Assert.Equal(3, new[] { kid1, kid2, kid3 }.Distinct().Count());
        Assert.Equal([kid3, kid2, kid1], published);
        Assert.Equal([kid3, kid2], later.Skip(1));
        Assert.DoesNotContain(later[0], new[] { kid1, kid2, kid3 });
    }

    [Fact]
    public async Task Rotation_JwksReadOnly_RotatesAsWell()
    {
        // Arrange
        var clock = new ManualTimeProvider();
        await using var app = IdentityApp.Start(Settings, clock);
        var first = Kids(await Jwks(app));

        // Act: nobody asks for a token; the published set still follows the clock.
        clock.Advance(Rotation);
        var rotated = Kids(await Jwks(app));
        clock.Advance(Lifetime);
        var pruned = Kids(await Jwks(app));

        // Assert
        Assert.Equal(first, rotated.Skip(1));
        Assert.NotEqual(first[0], rotated[0]);
        Assert.Equal([rotated[0]], pruned);
    }

    private static async Task<string> TokenAsync(IdentityApp app) => (string)(await app.Client.GetTokenAsync())["access_token"]!;

    private static Task<JsonObject> Jwks(IdentityApp app) => app.Client.GetJsonAsync("/.well-known/jwks.json");

    private static string[] Kids(JsonObject jwks) => [.. jwks["keys"]!.AsArray().Select(key => (string)key!["kid"]!)];
}
