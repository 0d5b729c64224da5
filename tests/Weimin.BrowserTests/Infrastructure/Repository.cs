namespace Weimin.BrowserTests.Infrastructure;

public static class Repository
{
    /// <summary>The folder holding Weimin.slnx, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Root, "artifacts", "screenshots")).FullName;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Weimin.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Weimin.slnx not found above " + AppContext.BaseDirectory);
    }
}
