namespace Platform.Samples.Tests;

/// <summary>Samples:SlowDelay is checked when the app starts: a bad value stops the start and names the key.</summary>
public sealed class SamplesOptionsTests
{
    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:15:00.001")]
    [InlineData("1.00:00:00")]
    [InlineData("three seconds")]
    [InlineData("3s")]
    public void Start_InvalidSlowDelay_FailsNamingTheKey(string slowDelay)
    {
        // Arrange
        using var factory = SamplesApp.Configure(new Dictionary<string, string?> { ["Samples:SlowDelay"] = slowDelay });

        // Act
        var error = Record.Exception(() => factory.CreateClient());

        // Assert
        Assert.NotNull(error);
        Assert.Contains("Samples:SlowDelay", MessagesOf(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:01")]
    [InlineData("00:15:00")]
    public async Task Start_SlowDelayWithinLimits_Starts(string slowDelay)
    {
        // Arrange
        await using var app = SamplesApp.Start(new Dictionary<string, string?> { ["Samples:SlowDelay"] = slowDelay });

        // Act
        using var response = await app.Client.GetAsync("/alive").WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static string MessagesOf(Exception error)
    {
        var messages = new List<string>();
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }
}
