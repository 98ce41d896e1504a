using System.Text;
using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Tests.Configuration;

public sealed class EntryNameRulesTests
{
    public static TheoryData<string> Paths() =>
    [
        "team/app", "a", "a/b/c", "café/über", "a.b/..c", "...", "a/.../b", // accepted
        "", "/", "a/", "/a", "a//b", ".", "..", "a/.", "a/..", "./a", "../a", "a/./b", "a/../b", // refused
    ];

    [Theory]
    [MemberData(nameof(Paths))]
    public void IsPath_on_utf8_accepts_what_RequirePath_accepts(string path)
    {
        bool accepted;
        try
        {
            accepted = EntryNameRules.RequirePath(path) == path;
        }
        catch (EntryNameException)
        {
            accepted = false;
        }

        Assert.Equal(accepted, EntryNameRules.IsPath(Encoding.UTF8.GetBytes(path)));
    }

    [Fact]
    public void The_stores_that_say_their_entry_names_are_paths_give_back_every_path_as_it_is()
    {
        foreach (var definition in TestStores.Registry.All.Where(definition => definition.EntryNamesArePaths))
        {
            Assert.Equal("team/app", definition.EntryName("team/app"));
            Assert.Throws<EntryNameException>(() => definition.EntryName("team/.."));
            Assert.False(definition.EntryNamesMayMerge, definition.Name);
        }
    }
}
