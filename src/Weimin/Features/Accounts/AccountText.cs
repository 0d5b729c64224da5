namespace Weimin.Features.Accounts;

/// <summary>Resource anchor for sign-in and account pages.</summary>
public sealed class AccountText;
