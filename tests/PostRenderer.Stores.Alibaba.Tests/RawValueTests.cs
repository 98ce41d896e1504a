using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// Issue 19 item 1 for Alibaba: the shared raw-value scenarios (<see cref="RawValueScenariosWithLostAnswers{TStore}"/>)
/// against the ACSCurrent version's text SecretData, which ESO's alibaba provider reads without
/// <c>remoteRef.property</c>. Alibaba has no raw-value behaviour of its own.
/// </summary>
public sealed class RawValueTests : RawValueScenariosWithLostAnswers<AlibabaUnderTest>;
