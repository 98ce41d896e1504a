using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Pipeline;

/// <summary>One invocation of the converter: where settings come from, and the three standard streams.</summary>
public sealed record RunRequest(SettingsSources Sources, TextReader Input, TextWriter Output, TextWriter Errors);
