namespace Platform.Orders.Api;

/// <summary>One refused input: <see cref="Path"/> is a JSON Pointer into the body (<c>/items/0/quantity</c>).</summary>
internal sealed record FieldError(string Path, string Message);
