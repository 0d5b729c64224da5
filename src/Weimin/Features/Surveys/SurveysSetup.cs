using System.Threading.RateLimiting;
using Weimin.Web.Authorization;

namespace Weimin.Features.Surveys;

/// <summary>Resource anchor for the surveys' UI strings (SurveyText.resx = zh-TW, SurveyText.en.resx = English).</summary>
public sealed class SurveyText;

public static class SurveysSetup
{
    public const string ManagePolicy = "surveys.manage";
    public const string AnswerPolicy = "surveys-answer";

    public static IServiceCollection AddSurveys(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection(SurveyOptions.Section).Get<SurveyOptions>() ?? new SurveyOptions());
        services.AddScoped<SurveyService>();
        services.AddScoped<SurveyInvitations>();
        services.AddAuthorizationBuilder().AddPolicy(ManagePolicy, p => p.RequireAuthenticatedUser()
            .RequireRole(Roles.SystemAdmin, Roles.AgencyAdmin, Roles.Secretariat));
        // Showing the questionnaire is free; sending answers is limited per client.
        services.AddRateLimiter(o => o.AddPolicy(AnswerPolicy, http => HttpMethods.IsGet(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("form")
            : RateLimitPartition.GetFixedWindowLimiter(Cases.CaseTracking.ClientKey(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 })));
        return services;
    }
}
