namespace Platform.Gateway.Waf.Detection;

/// <summary>The SQL words <see cref="SqlInjectionDetector"/> reasons about; any other word is <see cref="None"/> (an identifier).</summary>
internal enum SqlKeyword : byte
{
    None,

    // Boolean operators and condition words.
    Or,
    And,
    Xor,
    Not,
    Null,
    True,
    False,
    Like,
    Rlike,
    Regexp,
    In,
    Is,
    Between,
    Sounds,
    Exists,
    Case,
    If,

    // Statement and clause words.
    Union,
    Select,
    All,
    Distinct,
    Top,
    From,
    Order,
    Group,
    By,
    Having,
    Limit,
    Procedure,
    Analyse,
    Into,
    Outfile,
    Dumpfile,
    Insert,
    Update,
    Set,
    Delete,
    Drop,
    Create,
    Alter,
    Truncate,
    Exec,
    Declare,
    Shutdown,
    With,
    Waitfor,
    Delay,
    Time,
    Table,
    DatabaseObject,
    Master,

    // Functions that only an injection calls: time delays, file reads, error-based extraction.
    DangerousFunction,

    // Character-code functions (char(97,100,...)).
    CharFunction,

    // Catalogs and extended procedures no legitimate input names.
    SystemObject,
}
