namespace PostRenderer.Stores.Vault;

/// <summary>Booleans as the vault CLI reads them from the environment (Go's strconv.ParseBool).</summary>
internal static class GoBool
{
    public static bool? Parse(string text) => text switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };
}
