namespace Platform.Definitions.Loading;

/// <summary>What the statements of one web ACL refer to, gathered while reading them.</summary>
internal sealed class WafStatementContext
{
    /// <summary>Each <c>ipSet</c> statement's set name and key, checked against every file's IP sets.</summary>
    public List<(string IpSet, string Key)> IpSetReferences { get; } = [];

    /// <summary>The key of each <c>geoMatch</c>, reported when the ACL has no geo source.</summary>
    public List<string> GeoMatchKeys { get; } = [];
}
