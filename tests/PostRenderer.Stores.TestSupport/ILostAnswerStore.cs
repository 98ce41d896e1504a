namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// A store whose create can be retried safely after its answer was lost (an idempotency token, or a create that
/// recognises its own value), and whose fake can lose that answer: what
/// <see cref="RawValueScenariosWithLostAnswers{TStore}"/> needs beside <see cref="IRawValueStore"/>.
/// </summary>
public interface ILostAnswerStore
{
    /// <summary>The next create is applied, and then its answer is lost (a server error answers instead).</summary>
    void LoseNextCreateAnswer();
}
