namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>The test backend's <c>/aborts</c> answer: requests to <c>/delay</c> started, and those whose client went away.</summary>
public sealed record RequestCounts(int Started, int Aborted);
