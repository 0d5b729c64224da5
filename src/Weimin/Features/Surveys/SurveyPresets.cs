namespace Weimin.Features.Surveys;

public sealed record PresetItem(string Text, string TextEn);
public sealed record PresetDimension(string Name, string NameEn, IReadOnlyList<PresetItem> Items);
public sealed record PresetChoice(string Text, string TextEn, bool Multiple, bool IsProfile, IReadOnlyList<PresetItem> Options);
public sealed record SurveyPreset(
    string Code, SurveyKind Kind, string Title, string TitleEn, IReadOnlyList<PresetDimension> Dimensions,
    PresetItem? Overall, IReadOnlyList<PresetChoice> Choices, PresetItem? OpenText);

/// <summary>
/// The shipped questionnaires. The dimensions are the seeds' own words: the external survey "以洽公環境、服務禮儀、
/// 服務專業性、服務措施等為基準" and the internal one "以工作環境、作業流程、職能訓練、組織認同溝通、自我認同等項目
/// 作為調查指標" (seeds 000, 002, 004). The seeds name only the dimensions; the items under them are ours: for
/// the external survey they follow the practices the 96年度 plan lists under 服務場所環境, 服務措施 and 服務禮貌
/// (seed 001: 動線與標示, 等候區與書寫區, 書表範例, 識別證, 主動協助, 職務代理, 網路申辦), for the internal survey
/// they are standard staff-satisfaction statements, one group per named dimension. Edit freely after creating.
/// </summary>
public static class SurveyPresets
{
    public const string ExternalCode = "external";
    public const string InternalCode = "internal";

    private static PresetItem I(string zh, string en) => new(zh, en);

    public static readonly SurveyPreset External = new(
        ExternalCode, SurveyKind.External, "為民服務滿意度調查", "Service satisfaction survey",
        [
            new("洽公環境", "Office environment",
            [
                I("服務標示及動線清楚易懂", "Signs and the way to the counters are clear"),
                I("等候區、書寫區等設施舒適便利", "The waiting and writing areas are comfortable and convenient"),
                I("提供書表範例及申辦說明，容易填寫", "Sample forms and instructions make the forms easy to fill in"),
                I("環境整潔、無障礙設施完善", "The premises are clean and accessible"),
            ]),
            new("服務禮儀", "Courtesy",
            [
                I("服務人員態度親切有禮", "Staff are friendly and polite"),
                I("服務人員配戴識別證，容易辨識", "Staff wear name badges and are easy to identify"),
                I("服務人員主動協助、耐心說明", "Staff offer help and explain patiently"),
            ]),
            new("服務專業性", "Professionalism",
            [
                I("服務人員對業務熟悉，說明正確清楚", "Staff know their work and explain correctly and clearly"),
                I("案件在承諾的時間內辦妥", "The matter was completed within the promised time"),
                I("承辦人不在時，有職務代理人協助辦理", "When the officer was away, a deputy handled the matter"),
            ]),
            new("服務措施", "Service arrangements",
            [
                I("申辦流程簡便，不需往返多次", "The procedure is simple; no repeated visits were needed"),
                I("網站及線上申辦資訊充足、容易使用", "The website and online services are informative and easy to use"),
                I("整體而言，便民措施符合我的需要", "Overall, the service arrangements meet my needs"),
            ]),
        ],
        I("整體而言，您對本所的服務是否滿意？", "Overall, how satisfied are you with our service?"),
        [
            new("您的年齡", "Your age", false, true,
                [I("29歲以下", "29 or under"), I("30–49歲", "30–49"), I("50–64歲", "50–64"), I("65歲以上", "65 or over")]),
            new("您的性別", "Your gender", false, true,
                [I("女", "Female"), I("男", "Male"), I("不願透露", "Prefer not to say")]),
            new("本年度您到本所洽公的次數", "How often you have visited us this year", false, true,
                [I("第一次", "First time"), I("2–5次", "2–5 times"), I("6次以上", "6 or more times")]),
        ],
        I("其他意見或建議", "Other comments or suggestions"));

    public static readonly SurveyPreset Internal = new(
        InternalCode, SurveyKind.Internal, "內部同仁滿意度調查", "Staff satisfaction survey",
        [
            new("工作環境", "Working environment",
            [
                I("辦公空間及設備足以完成工作", "The office space and equipment let me do my work"),
                I("工作環境整潔、安全", "The workplace is clean and safe"),
            ]),
            new("作業流程", "Work procedures",
            [
                I("各項業務有清楚的標準作業流程", "Tasks have clear standard operating procedures"),
                I("流程簡化後，工作更有效率", "Simplified procedures make the work more efficient"),
                I("跨課室協調順暢", "Coordination between sections works smoothly"),
            ]),
            new("職能訓練", "Training",
            [
                I("機關提供的訓練有助於我的工作", "The training offered helps me in my work"),
                I("我有足夠機會參加專業訓練", "I have enough opportunities for professional training"),
            ]),
            new("組織認同溝通", "Commitment and communication",
            [
                I("主管與同仁之間溝通良好", "Managers and staff communicate well"),
                I("我能及時得知與工作相關的訊息", "I learn in good time what concerns my work"),
                I("我認同機關的服務目標", "I share the office's service goals"),
            ]),
            new("自我認同", "Self-fulfilment",
            [
                I("我的工作表現受到肯定", "My work is recognised"),
                I("我對自己的工作感到有成就感", "My work gives me a sense of achievement"),
            ]),
        ],
        I("整體而言，您對在本機關工作是否滿意？", "Overall, how satisfied are you with working here?"),
        [
            new("您在本機關的服務年資", "Your years of service here", false, true,
                [I("未滿3年", "Under 3 years"), I("3–10年", "3–10 years"), I("10年以上", "Over 10 years")]),
        ],
        I("其他意見或建議", "Other comments or suggestions"));

    public static readonly IReadOnlyList<SurveyPreset> All = [External, Internal];

    /// <summary>The five Likert labels, from value 5 down to 1.</summary>
    public static readonly IReadOnlyList<(int Value, string Zh, string En)> LikertScale =
    [
        (5, "非常滿意", "Very satisfied"),
        (4, "滿意", "Satisfied"),
        (3, "普通", "Neutral"),
        (2, "不滿意", "Dissatisfied"),
        (1, "非常不滿意", "Very dissatisfied"),
    ];
}
