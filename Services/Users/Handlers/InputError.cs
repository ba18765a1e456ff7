namespace Platform.Users.Handlers;

/// <summary>Why an input was refused, and the field at fault when there is one.</summary>
internal readonly record struct InputError(string Message, string? Field = null);
