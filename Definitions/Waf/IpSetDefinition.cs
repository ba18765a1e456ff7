using System.Net;

namespace Platform.Definitions.Waf;

/// <summary>A named set of addresses (<c>ipSets.{name}</c>): CIDR blocks or single addresses, IPv4 and IPv6 mixed.</summary>
public sealed record IpSetDefinition
{
    public required string Name { get; init; }

    /// <summary>The addresses as written.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>The parsed blocks, in the order written.</summary>
    public IReadOnlyList<IPNetwork> Networks { get; init; } = [];
}
