using Weimin.Data;

namespace Weimin.Features.Calendar;

public static class CalendarSetup
{
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddSingleton<CalendarCache>();
        services.AddScoped<CalendarService>();
        services.AddScoped<IStartupSeeder, CalendarSeeder>();
        return services;
    }
}
