using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web;
using Weimin.Web.Authorization;

namespace Weimin.Features.Petitions;

public static class PetitionsSetup
{
    /// <summary>Recording the review of a dissatisfied rating: the chief (and the secretariat that prepares it).</summary>
    public const string ReviewPolicy = "petitions.review";
    /// <summary>The monthly inspection report and trends.</summary>
    public const string ReportPolicy = "petitions.report";
    /// <summary>Keeping the petition categories: the agency's administrators and the secretariat.</summary>
    public const string CategoriesPolicy = "petitions.categories";
    /// <summary>Per client IP: the public mailbox form posts.</summary>
    public const string MailboxLimit = "petitions.mailbox";
    /// <summary>Per client IP: the rating link.</summary>
    public const string RatingLimit = "petitions.rating";

    public static IServiceCollection AddPetitions(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Weimin:Petitions").Get<PetitionOptions>() ?? new PetitionOptions();
        services.AddSingleton(options);
        services.AddScoped<PetitionService>();
        services.AddScoped<PetitionImport>();
        services.AddScoped<Categories.PetitionCategories>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Petitions/Categories/Edit", "/admin/petition-categories/new"));
        services.AddScoped<IStartupSeeder, DemoPetitionSeeder>();
        services.AddSingleton<PetitionReportSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<PetitionReportSweep>());
        services.AddAuthorizationBuilder()
            .AddPolicy(CategoriesPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.SystemAdmin, Roles.AgencyAdmin, Roles.Secretariat))
            .AddPolicy(ReviewPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Chief, Roles.Secretariat))
            .AddPolicy(ReportPolicy, p => p.RequireAuthenticatedUser().RequireRole(
                Roles.Chief, Roles.Secretariat, Roles.SectionHead, Roles.AgencyAdmin, Roles.Auditor, Roles.SystemAdmin));
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(MailboxLimit, new PerClientLimit<PetitionText>("mailbox", options.MailboxPerHour, TimeSpan.FromHours(1), postsOnly: true));
            o.AddPolicy(RatingLimit, new PerClientLimit<PetitionText>("rating", options.RatingPerMinute, TimeSpan.FromMinutes(1), postsOnly: true));
        });
        return services;
    }
}
