namespace Platform.Orders.Api;

/// <summary><c>{"message": "...", "errors": [{"path", "message"}]}</c>; <see cref="Errors"/> is omitted when no single input is at fault.</summary>
internal sealed record ErrorBody(string Message, IReadOnlyList<FieldError>? Errors = null);
