using Microsoft.EntityFrameworkCore;
using Weimin.Data;

namespace Weimin.Features.Evaluation;

/// <summary>Resource anchor for the evaluation's UI strings (EvaluationText.resx = zh-TW, EvaluationText.en.resx = English).</summary>
public sealed class EvaluationText;

public static class EvaluationSetup
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services)
    {
        services.AddScoped<EvaluationService>();
        services.AddScoped<PlanService>();
        services.AddScoped<IStartupSeeder, SchemePresetSeeder>();
        services.AddScoped<IStartupSeeder, DemoPlanSeeder>();
        return services;
    }
}

/// <summary>Stores the shipped presets (every deployment, not only demo) so that they can be read like any scheme; adds only missing ones.</summary>
internal sealed class SchemePresetSeeder(TimeProvider clock) : IStartupSeeder
{
    public int Order => 50;

    public async Task SeedAsync(AppDb db, CancellationToken ct)
    {
        var present = await db.Set<Scheme>().Where(s => s.AgencyId == null).Select(s => s.Code).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var preset in SchemePresets.All.Where(p => !present.Contains(p.Code)))
        {
            var scheme = EvaluationService.CopyPreset(preset, null, now);
            db.Add(scheme);
        }
        await db.SaveChangesAsync(ct);
    }
}
