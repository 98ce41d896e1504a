using System.Text.Json;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;
using PostRenderer.Stores.TestSupport.Aws;

namespace PostRenderer.Stores.AwsParameterStore.Tests;

/// <summary>The shared heal-after-fault scenario (<see cref="HealAfterFault"/>), and an answer lost after the write was applied.</summary>
public sealed class HealAfterFaultTests : ParameterStoreTestbed, IFaultableStore
{
    private const string LostAnswer = "answer lost after the write";

    public static TheoryData<string> Faults() => ["server errors", "throttling", "slow answers", "access denied", LostAnswer];

    [Theory]
    [MemberData(nameof(Faults))]
    public Task A_rerun_after_the_fault_heals_completes_the_population_with_nothing_lost_or_duplicated(string fault) =>
        HealAfterFault.RunAsync(this, fault, new HealAfterFault.Options
        {
            FailingStep = fault == LostAnswer ? (store, request) => store.TryWriteAsync(request.Entry, request.Values, null, default) : null,
            MayHaveApplied = candidate => candidate == LostAnswer,
        });

    string IFaultableStore.Entry(int index) => $"/heal/e{index}";

    void IFaultableStore.Seed(string entry, string key, string value) =>
        Fake.Put(entry, JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }));

    ISecretStore IFaultableStore.CreateStore(PopulationSettings settings) => CreateStore(settings);

    int IFaultableStore.VersionCount(string entry) => Fake.VersionCount(entry);

    IReadOnlyDictionary<string, string>? IFaultableStore.Current(string entry) =>
        Fake.Latest(entry) is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) : null;

    void IFaultableStore.Inject(string fault)
    {
        switch (fault)
        {
            case "server errors": Fake.Fail(new FakeFault(500, "InternalServerError"), times: 2); break;
            case "throttling": Fake.Fail(new FakeFault(429, RetryAfter: TimeSpan.Zero), times: 2); break;
            case "slow answers": Fake.Delay = TimeSpan.FromSeconds(5); break;
            case "access denied": Fake.DenyAccess = true; break;
            default: Fake.Fail(new FakeFault(500, AfterApplying: true), times: 2); break;
        }
    }

    void IFaultableStore.Heal()
    {
        Fake.Delay = TimeSpan.Zero;
        Fake.DenyAccess = false;
    }
}
