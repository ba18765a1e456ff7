namespace Platform.Definitions.Waf;

/// <summary>How a size constraint compares a field's size with its <c>size</c>: field <c>op</c> size.</summary>
public enum ComparisonOperator
{
    Eq,
    Ne,
    Le,
    Lt,
    Ge,
    Gt,
}
