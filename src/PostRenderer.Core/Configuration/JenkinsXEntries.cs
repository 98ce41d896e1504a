namespace PostRenderer.Core.Configuration;

/// <summary>Where <c>jx secret convert</c> put the keys of a Secret that its mapping does not place.</summary>
public enum JenkinsXEntries
{
    /// <summary>One entry per Secret, named by the store's entry-name template (default <c>{name}</c>).</summary>
    PerSecret,

    /// <summary>One entry per key, named after the key.</summary>
    PerKey,

    /// <summary>
    /// One entry per Secret at a path made of its name, each '-' a level (a last level equal to the key dropped),
    /// under its <c>secret.jenkins-x.io/prefix</c> annotation.
    /// </summary>
    NamePath,
}
