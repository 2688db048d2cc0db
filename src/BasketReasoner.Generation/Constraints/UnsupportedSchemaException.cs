namespace BasketReasoner.Generation.Constraints;

/// <summary>
/// The response's JSON schema uses something the constrained decoder cannot enforce (a keyword, a bound, a nesting).
/// A <see cref="NotSupportedException"/> as before, typed so an API can name the schema as the field at fault.
/// </summary>
public sealed class UnsupportedSchemaException(string message, Exception? inner = null) : NotSupportedException(message, inner);
