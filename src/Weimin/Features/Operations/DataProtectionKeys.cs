using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Data;
using Weimin.Features.Audit;
using Weimin.Web;

namespace Weimin.Features.Operations;

/// <summary>
/// One data-protection key (the XML the key manager writes). Kept in the database so that every instance signs and
/// reads the same sign-in cookies and antiforgery tokens: a user can land on any instance behind the balancer.
/// Never audited: the XML is the secret itself.
/// </summary>
[NotAudited]
public class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("data_protection_keys");
        b.Property(k => k.FriendlyName).HasMaxLength(200);
        b.Property(k => k.Xml).Metadata.SetMaxLength(null);
    }
}

/// <summary>
/// The key ring's store over <see cref="AppDb"/>. The key manager calls it rarely (start, then when a key is due to
/// roll, about every 90 days) and caches what it reads, so a scope per call costs nothing that matters.
/// </summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        return db.Set<DataProtectionKey>().AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        db.Set<DataProtectionKey>().Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

public static class DataProtectionSetup
{
    /// <summary>
    /// Keys in the database (<c>Weimin:DataProtection:Store = Database</c>, the default), or in a folder
    /// (<c>FileSystem</c>, <see cref="WeiminPaths.KeysDirectory"/>) for a deployment that prefers a mounted secret.
    /// </summary>
    public static IServiceCollection AddWeiminDataProtection(this IServiceCollection services, IConfiguration config, WeiminPaths paths)
    {
        var builder = services.AddDataProtection().SetApplicationName("Weimin");
        if (string.Equals(config["Weimin:DataProtection:Store"], "FileSystem", StringComparison.OrdinalIgnoreCase))
            builder.PersistKeysToFileSystem(new DirectoryInfo(paths.KeysDirectory));
        else
            services.AddOptions<KeyManagementOptions>()
                .Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DatabaseXmlRepository(scopes));
        return services;
    }
}
