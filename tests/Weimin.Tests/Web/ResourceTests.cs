using System.Xml.Linq;

namespace Weimin.Tests.Web;

/// <summary>Every UI string exists in both languages.</summary>
public class ResourceTests
{
    public static TheoryData<string> ResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)))
            data.Add(Path.GetRelativePath(RepoRoot(), f));
        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Resource_has_the_same_keys_in_Chinese_and_English(string relative)
    {
        var zh = Keys(Path.Combine(RepoRoot(), relative));
        var en = Keys(Path.Combine(RepoRoot(), relative[..^5] + ".en.resx"));
        Assert.Empty(zh.Except(en));
        Assert.Empty(en.Except(zh));
        Assert.All(zh, k => Assert.False(string.IsNullOrWhiteSpace(k)));
    }

    private static HashSet<string> Keys(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => (string)d.Attribute("name")!).ToHashSet();

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Weimin.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Weimin.slnx not found above " + AppContext.BaseDirectory);
    }
}
