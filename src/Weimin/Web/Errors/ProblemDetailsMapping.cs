using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Weimin.Web.Errors;

/// <summary>Maps <see cref="RuleViolation"/> to a 409 problem for API calls, in one place.</summary>
internal sealed class ProblemDetailsMapping(IProblemDetailsService problems, IStringLocalizer<ErrorText> text) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not RuleViolation rule) return false;
        http.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = text[rule.Code, rule.LocalisedArgs(text)],
                Type = "https://weimin.example/problems/" + rule.Code,
                Extensions = { ["code"] = rule.Code },
            },
        });
    }
}

/// <summary>Pages that can redraw themselves after a rule violation (reload their lists, then render).</summary>
public interface IRedrawable
{
    Task RedrawAsync();
}

/// <summary>Turns a <see cref="RuleViolation"/> thrown by a page handler into an inline error on the same page (400).</summary>
internal sealed class RuleViolationPageFilter(IStringLocalizer<ErrorText> text) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not RuleViolation rule || executed.HandlerInstance is not PageModel page) return;
        executed.ExceptionHandled = true;
        page.ModelState.AddModelError("", text[rule.Code, rule.LocalisedArgs(text)]);
        if (page is IRedrawable redraw) await redraw.RedrawAsync();
        executed.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        executed.Result = new PageResult();
    }
}
