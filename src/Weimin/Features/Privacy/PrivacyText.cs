namespace Weimin.Features.Privacy;

public sealed class PrivacyText;
