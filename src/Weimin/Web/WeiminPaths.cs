namespace Weimin.Web;

/// <summary>Where Weimin keeps its files: the SQLite database, data-protection keys, uploads. Set with Weimin__DataDirectory.</summary>
public sealed record WeiminPaths(string DataDirectory)
{
    public static WeiminPaths From(IConfiguration config, IWebHostEnvironment env)
    {
        var dir = config["Weimin:DataDirectory"];
        dir = string.IsNullOrWhiteSpace(dir) ? Path.Combine(env.ContentRootPath, "data") : Path.GetFullPath(dir);
        Directory.CreateDirectory(dir);
        return new WeiminPaths(dir);
    }

    public string KeysDirectory => Sub("keys");

    /// <summary>Downloadable forms of the service catalogue: outside the web root, served only through the app.</summary>
    public string FormsDirectory => Sub("forms");

    private string Sub(string name)
    {
        var path = Path.Combine(DataDirectory, name);
        Directory.CreateDirectory(path);
        return path;
    }
}
