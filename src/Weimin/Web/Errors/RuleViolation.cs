namespace Weimin.Web.Errors;

/// <summary>
/// A broken business rule. <see cref="Code"/> is stable (API clients switch on it) and is also the key of the
/// message in <c>ErrorText</c> resources, so the text is localised where it is shown: 409 ProblemDetails in the
/// API (<see cref="ProblemDetailsMapping"/>), an inline form error on pages (<see cref="RuleViolationPageFilter"/>).
/// </summary>
public sealed class RuleViolation(string code, params object[] args) : Exception(code)
{
    public string Code { get; } = code;
    public object[] Args { get; } = args;

    /// <summary>
    /// The arguments as the reader should see them: an enum value is looked up as <c>{EnumType}.{Name}</c> in the same
    /// resources (so "InProgress" reads 處理中), falling back to its name.
    /// </summary>
    public object[] LocalisedArgs(Microsoft.Extensions.Localization.IStringLocalizer text) =>
        Array.ConvertAll(Args, a => a is Enum e && text[$"{e.GetType().Name}.{e}"] is { ResourceNotFound: false } found ? found.Value : a);
}

/// <summary>Resource anchor for error messages (ErrorText.resx = zh-TW, ErrorText.en.resx = English).</summary>
public sealed class ErrorText;
