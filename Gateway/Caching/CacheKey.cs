namespace Platform.Gateway.Caching;

/// <summary>
/// One entry's identity: the API and stage it belongs to (the namespace a stage flush clears) and the request's
/// part, <see cref="Text"/>, which <see cref="CacheKeys"/> builds from method, cache key parameters and path.
/// </summary>
internal readonly record struct CacheKey(string Api, string Stage, string Text);
