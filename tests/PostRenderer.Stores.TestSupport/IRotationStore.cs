namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// What <see cref="ConcurrentRotationScenarios{TStore}"/> needs from one store besides the raw-value adapter's controls:
/// the fake's hook that runs just before it applies a write, where another writer's rotation can land.
/// </summary>
public interface IRotationStore : IRawValueStore
{
    /// <summary>Called with the entry's name just before the fake applies each write (a new version or value).</summary>
    Action<string>? BeforeWrite { get; set; }
}
