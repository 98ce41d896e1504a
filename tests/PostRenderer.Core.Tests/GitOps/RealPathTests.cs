using PostRenderer.Core.GitOps;

namespace PostRenderer.Core.Tests.GitOps;

public sealed class RealPathTests : IDisposable
{
    private readonly string directory = RealPath.Of(Directory.CreateTempSubdirectory("real-path-").FullName);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_path_without_links_is_itself()
    {
        Assert.Equal(Path.Combine(directory, "a", "b"), RealPath.Of(Path.Combine(directory, "a", "b")));
    }

    [Fact]
    public void A_relative_link_is_taken_from_the_folder_it_sits_in_and_dot_dot_after_it_is_physical()
    {
        Directory.CreateDirectory(Path.Combine(directory, "x", "y"));
        Directory.CreateSymbolicLink(Path.Combine(directory, "link"), "x/y");

        // Textually link/.. is the directory itself; through the link it is x.
        Assert.Equal(Path.Combine(directory, "x", "z"), RealPath.Of(Path.Combine(directory, "link", "..", "z")));
    }

    [Fact]
    public void Links_to_links_and_absolute_links_are_followed_to_the_end()
    {
        Directory.CreateDirectory(Path.Combine(directory, "target"));
        Directory.CreateSymbolicLink(Path.Combine(directory, "first"), Path.Combine(directory, "second"));
        Directory.CreateSymbolicLink(Path.Combine(directory, "second"), "target");

        Assert.Equal(Path.Combine(directory, "target", "file.yaml"), RealPath.Of(Path.Combine(directory, "first", "file.yaml")));
    }

    [Fact]
    public void A_loop_of_links_is_an_io_error()
    {
        File.CreateSymbolicLink(Path.Combine(directory, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(directory, "b"), "a");

        Assert.Throws<IOException>(() => RealPath.Of(Path.Combine(directory, "a", "x")));
    }

    [Theory]
    [InlineData("/out", "/out/a", true)]
    [InlineData("/out", "/out", true)]
    [InlineData("/out", "/outside/a", false)]
    [InlineData("/out/", "/out/a", true)]
    public void Inside_means_the_folder_or_under_it(string folder, string path, bool inside) =>
        Assert.Equal(inside, RealPath.IsInside(path, folder));
}
