namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// DefaultAzureCredential reads the process environment itself (IDENTITY_ENDPOINT, AZURE_POD_IDENTITY_AUTHORITY_HOST,
/// ...), so tests of it set variables there; they run alone, in this collection, and put the values back.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";

    public static IDisposable Set(params (string Name, string? Value)[] variables)
    {
        var saved = variables.Select(variable => (variable.Name, Environment.GetEnvironmentVariable(variable.Name))).ToList();
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        return new Restore(saved);
    }

    private sealed class Restore(List<(string Name, string? Value)> saved) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
