using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Web;

public static class WebSetup
{
    public static IServiceCollection AddWeiminWeb(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        // Chinese text in pages as text, not as &#x...; escapes (still HTML-encoded where it matters).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.ConfigureFilter(new AutoValidateAntiforgeryTokenAttribute());
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add<RuleViolationPageFilter>();
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(ErrorText)));
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<MvcOptions>, LocalisedBindingMessages>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsMapping>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            // Chinese is text, not \uXXXX: only the characters HTML needs escaped (<, >, &, quotes) still are.
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });
        services.AddAntiforgery(o => { o.Cookie.Name = "weimin.af"; o.HeaderName = "X-CSRF-TOKEN"; });
        return services;
    }

    public static WebApplication UseWeiminWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static void MapWeiminApiDocs(this WebApplication app) =>
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

    /// <summary>Prints where Weimin listens and, in demo mode, the demo sign-ins.</summary>
    public static void PrintWelcome(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var lines = new List<string> { "", "  Weimin 為民 is running." };
            lines.AddRange(addresses.Select(a => "  Open " + a));
            var demo = app.Services.GetService<Features.Demo.DemoOptions>();
            if (demo?.Enabled == true)
            {
                lines.Add("");
                lines.Add($"  Demo sign-ins (password for all: {Features.Demo.DemoAccounts.Password}):");
                lines.AddRange(Features.Demo.DemoAccounts.All.Select(a => $"    {a.UserName,-14} {a.Role,-16} {a.Description}"));
                lines.Add($"  Open311 demo API key: {Features.Open311.DemoOpen311Seeder.DemoKey} (docs/open311.md)");
            }
            lines.Add("");
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }
}

/// <summary>The model binder's own messages ("The value 'x' is not valid") in the visitor's language.</summary>
internal sealed class LocalisedBindingMessages(IStringLocalizerFactory factory) : Microsoft.Extensions.Options.IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var t = factory.Create(typeof(ErrorText));
        var m = options.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(v => t["binding.invalid", v]);
        m.SetAttemptedValueIsInvalidAccessor((v, f) => t["binding.invalid", v]);
        m.SetValueMustBeANumberAccessor(f => t["binding.number", f]);
        m.SetMissingBindRequiredValueAccessor(f => t["binding.required", f]);
        m.SetValueMustNotBeNullAccessor(f => t["binding.required", f]);
        m.SetMissingKeyOrValueAccessor(() => t["binding.required", ""]);
        m.SetUnknownValueIsInvalidAccessor(f => t["binding.invalid", f]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => t["binding.invalid", v]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["binding.invalid", ""]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => t["binding.number", ""]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => t["binding.required", ""]);
    }
}
