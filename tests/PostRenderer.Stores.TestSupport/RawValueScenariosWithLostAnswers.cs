using static PostRenderer.Stores.TestSupport.Population.RawValuePopulation;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// <see cref="RawValueScenarios{TStore}"/>, and for the stores whose create survives a lost answer: a create that was
/// applied but whose answer was lost is retried, found to be ours, and counted once.
/// </summary>
public abstract class RawValueScenariosWithLostAnswers<TStore> : RawValueScenarios<TStore>
    where TStore : IRawValueStore, ILostAnswerStore, new()
{
    [Fact]
    public async Task A_create_whose_answer_was_lost_is_counted_as_ours_once()
    {
        Target.LoseNextCreateAnswer();
        using var store = Target.CreateStore();

        Assert.True((await PopulateAsync(store, Target.Entry, "s3cr3t")).Created);
        Assert.Equal("s3cr3t", Target.Current(Target.Entry));
        Assert.Equal(1, Target.VersionCount(Target.Entry));
    }
}
