namespace Platform.Authorizer.Tests;

/// <summary>One <see cref="IdentityProcess"/> shared by a test class; each test still gets its own authorizer app.</summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    private IdentityProcess? _identity;

    public IdentityProcess Identity => _identity ?? throw new InvalidOperationException("Identity is not started.");

    public async Task InitializeAsync() => _identity = await IdentityProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
    }
}
