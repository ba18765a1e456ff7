using Platform.HubLoad;

// bench/hub-bench.sh runs one command per phase, bench/broadcast-floor.sh the floor pair; see each command for its options.
var options = LoadOptions.Parse(args);
var limit = options.Seconds("timeout", 240);
using var timeout = new CancellationTokenSource(limit);
Func<LoadOptions, CancellationToken, Task> scenario = options.Command switch
{
    "rooms" => RoomsScenario.RunAsync,
    "push" => PushScenario.RunAsync,
    "handshake" => HandshakeScenario.RunAsync,
    "floor" => FloorScenario.RunAsync,
    "floor-server" => FloorServer.RunAsync,
    _ => throw new ArgumentException($"unknown command '{options.Command}': rooms, push, handshake, floor or floor-server"),
};
try
{
    await scenario(options, timeout.Token);
}
catch (OperationCanceledException) when (timeout.IsCancellationRequested)
{
    Results.Note(options.Label, $"stopped: the phase's {limit.TotalSeconds} s are up; its remaining results are missing");
    return 2;
}

return 0;
