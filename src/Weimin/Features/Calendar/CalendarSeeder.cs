using Microsoft.EntityFrameworkCore;
using Weimin.Data;

namespace Weimin.Features.Calendar;

/// <summary>
/// Loads the official calendars that ship inside the app (Data/Calendar, see SOURCE.md) for every year that is not
/// in the database yet. Years already there are never touched, so an imported revision is not undone by a restart.
/// </summary>
internal sealed class CalendarSeeder(CalendarService calendar) : IStartupSeeder
{
    private const string Prefix = "calendar/";

    public int Order => 10;

    public async Task SeedAsync(AppDb db, CancellationToken ct)
    {
        var loaded = (await db.Set<CalendarYear>().Select(y => y.Year).ToListAsync(ct)).ToHashSet();
        foreach (var (name, entries) in EmbeddedYears())
        {
            var year = entries[0].Date.Year;
            if (!loaded.Add(year)) continue;
            await calendar.ImportAsync(name, Read(name), "system", ct);
        }
    }

    /// <summary>The embedded files by year; when a year has several files, the later name wins (DGPA's updates are suffixed).</summary>
    internal static IEnumerable<(string Name, IReadOnlyList<CalendarEntry> Days)> EmbeddedYears() =>
        typeof(CalendarSeeder).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && (n.EndsWith(".csv", StringComparison.Ordinal) || n.EndsWith(".json", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .Select(n => (Name: n[Prefix.Length..], Days: CalendarFile.Parse(n, Read(n[Prefix.Length..]))))
            .GroupBy(f => f.Days[0].Date.Year)
            .OrderBy(g => g.Key)
            .Select(g => g.Last());

    internal static byte[] Read(string fileName)
    {
        using var stream = typeof(CalendarSeeder).Assembly.GetManifestResourceStream(Prefix + fileName)
                           ?? throw new FileNotFoundException("No embedded calendar " + fileName);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
