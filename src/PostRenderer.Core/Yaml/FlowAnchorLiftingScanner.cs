using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace PostRenderer.Core.Yaml;

/// <summary>
/// Feeds YamlDotNet's parser the scanner's tokens, minus the anchor of every scalar inside a flow collection, which it
/// keeps aside by the scalar's end for <see cref="GeneralNodeReader"/> to put back. YamlDotNet 18.1's parser refuses
/// valid YAML such as <c>{a: &amp;x b, c: d}</c> (an anchored scalar value followed by more of its flow mapping) though
/// its scanner reads the tokens right; without the anchor token the parser takes the same scalar.
/// </summary>
internal sealed class FlowAnchorLiftingScanner(IScanner inner) : IScanner
{
    private readonly Queue<Token> ahead = new();
    private readonly Dictionary<long, string> liftedAnchors = [];
    private Token? previous;
    private int flowLevel;

    public Token? Current { get; private set; }

    public Mark CurrentPosition => inner.CurrentPosition;

    /// <summary>The anchor taken off the scalar that ends at <paramref name="scalarEnd"/>, if any.</summary>
    public string? LiftedAnchor(Mark scalarEnd) => liftedAnchors.GetValueOrDefault(scalarEnd.Index);

    public bool MoveNext()
    {
        ConsumeCurrent();
        return MoveNextWithoutConsuming();
    }

    public bool MoveNextWithoutConsuming()
    {
        var token = Take();
        if (token is Anchor anchor && flowLevel > 0 && previous is not Anchor && TryLift(anchor))
        {
            token = Take();
        }

        Current = token;
        previous = token;
        flowLevel += token switch
        {
            FlowMappingStart or FlowSequenceStart => 1,
            FlowMappingEnd or FlowSequenceEnd when flowLevel > 0 => -1,
            _ => 0,
        };
        return token is not null;
    }

    public void ConsumeCurrent() => Current = null;

    /// <summary>Keeps the anchor aside when a scalar (perhaps after a tag) follows it; the caller then skips it.</summary>
    private bool TryLift(Anchor anchor)
    {
        var next = Peek(0);
        var scalar = next is Tag ? Peek(1) as Scalar : next as Scalar;
        if (scalar is null)
        {
            return false;
        }

        liftedAnchors[scalar.End.Index] = anchor.Value.Value;
        return true;
    }

    private Token? Peek(int position)
    {
        while (ahead.Count <= position)
        {
            var token = Read();
            if (token is null)
            {
                return null;
            }

            ahead.Enqueue(token);
        }

        return ahead.ElementAt(position);
    }

    private Token? Take() => ahead.Count > 0 ? ahead.Dequeue() : Read();

    private Token? Read()
    {
        if (!inner.MoveNextWithoutConsuming())
        {
            return null;
        }

        var token = inner.Current;
        inner.ConsumeCurrent();
        return token;
    }
}
