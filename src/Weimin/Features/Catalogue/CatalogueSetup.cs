using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Features.Demo;

namespace Weimin.Features.Catalogue;

/// <summary>Resource anchor for the catalogue's UI strings (CatalogueText.resx = zh-TW, CatalogueText.en.resx = English).</summary>
public sealed class CatalogueText;

public static class CatalogueSetup
{
    public static IServiceCollection AddCatalogue(this IServiceCollection services)
    {
        services.AddScoped<CatalogueService>();
        services.AddScoped<CatalogueTransfer>();
        services.AddScoped<IStartupSeeder, DemoCatalogueSeeder>();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Catalogue/Edit", "/admin/services/new");
            o.Conventions.AddPageRoute("/Catalogue/Windows/Edit", "/admin/windows/new");
        });
        return services;
    }
}
