namespace Weimin.Features.Demo;

/// <summary>
/// The demo office: 桃園市楊梅區公所 with the sections named in its 104年 plan (seeds/000), and 新屋區公所 (seeds/001)
/// as a second agency of the same city so that agency scope can be seen at work. People are fictional.
/// </summary>
internal static class DemoOrganisation
{
    public sealed record SectionSeed(string Code, string Name, string NameEn, string Phone);

    public sealed record StaffSeed(
        string Key, string? Section, string Name, string NameEn, string Title, string TitleEn,
        string Duties, string Extension, string? Deputy);

    public static readonly SectionSeed[] YangmeiSections =
    [
        new("civil", "民政課", "Civil Affairs Section", "(03) 478-2024 #201"),
        new("social", "社會課", "Social Affairs Section", "(03) 478-2024 #301"),
        new("works", "工務課", "Public Works Section", "(03) 478-2024 #401"),
        new("agri", "農經課", "Agriculture and Economy Section", "(03) 478-2024 #501"),
        new("culture", "人文課", "Culture and Humanities Section", "(03) 478-2024 #601"),
        new("secretariat", "秘書室", "Secretariat", "(03) 478-2024 #101"),
        new("personnel", "人事室", "Personnel Office", "(03) 478-2024 #701"),
        new("ethics", "政風室", "Civil Service Ethics Office", "(03) 478-2024 #801"),
    ];

    public static readonly StaffSeed[] YangmeiStaff =
    [
        new("chief", null, "陳志明", "Chen Chih-ming", "區長", "District Chief", "綜理區政\n為民服務品質推動小組召集人", "100", "deputy-chief"),
        new("deputy-chief", null, "林淑芬", "Lin Shu-fen", "主任秘書", "Chief Secretary", "襄助區長處理區政\n為民服務品質推動小組副召集人", "102", "secretariat-head"),
        new("secretariat-head", "secretariat", "黃建華", "Huang Chien-hua", "秘書室主任", "Director of the Secretariat", "秘書室綜理\n研考及為民服務品質評核\n陳情案件總收文", "101", "secretariat-rd"),
        new("secretariat-rd", "secretariat", "張雅婷", "Chang Ya-ting", "課員", "Clerk", "研考業務、公文稽催\n1999 及區長信箱陳情案件分辦與管考\n滿意度調查、電話禮貌測試", "105", "secretariat-admin"),
        new("secretariat-admin", "secretariat", "王俊傑", "Wang Chun-chieh", "課員", "Clerk", "資訊業務及網站管理\n系統帳號管理\n大禮堂及會議室場地借用", "106", "secretariat-rd"),
        new("secretariat-front", "secretariat", "李佩珊", "Li Pei-shan", "辦事員", "Administrative Assistant", "服務台諮詢及引導\n午間綜合服務櫃台\n志工管理", "108", "secretariat-admin"),
        new("civil-head", "civil", "吳宗翰", "Wu Tsung-han", "民政課課長", "Head of Civil Affairs", "民政課綜理\n里鄰業務督導", "201", "civil-officer"),
        new("civil-officer", "civil", "劉怡君", "Liu Yi-chun", "課員", "Clerk", "兵役業務（役男徵集、緩徵、替代役）\n後備軍人及軍人家屬服務", "203", "civil-clerk"),
        new("civil-clerk", "civil", "蔡明哲", "Tsai Ming-che", "辦事員", "Administrative Assistant", "民政櫃台收件\n殯葬設施（納骨塔）使用申請\n土地使用分區證明書", "205", "civil-officer"),
        new("civil-village", "civil", "鄭文雄", "Cheng Wen-hsiung", "里幹事", "Village Officer", "大成里、梅新里里幹事\n急難救助通報及訪視", "207", "civil-clerk"),
        new("social-head", "social", "謝美玲", "Hsieh Mei-ling", "社會課課長", "Head of Social Affairs", "社會課綜理\n社會救助及福利業務督導", "301", "social-officer"),
        new("social-officer", "social", "許家豪", "Hsu Chia-hao", "課員", "Clerk", "低收入戶及中低收入戶證明\n中低收入老人生活津貼\n急難救助", "302", "social-welfare"),
        new("social-welfare", "social", "楊淑惠", "Yang Shu-hui", "課員", "Clerk", "育兒津貼、生育津貼\n婦幼福利櫃台", "303", "social-officer"),
        new("social-elder", "social", "賴志偉", "Lai Chih-wei", "辦事員", "Administrative Assistant", "老年市民三節獎勵金、重陽禮金\n樂齡福利櫃台", "304", "social-disability"),
        new("social-disability", "social", "周怡如", "Chou Yi-ju", "辦事員", "Administrative Assistant", "身心障礙者專用停車位識別證\n身心障礙福利櫃台", "305", "social-elder"),
        new("works-head", "works", "邱國華", "Chiu Kuo-hua", "工務課課長", "Head of Public Works", "工務課綜理\n工程督導", "401", "works-officer"),
        new("works-officer", "works", "曾冠宇", "Tseng Kuan-yu", "技士", "Engineer", "路燈報修及維護\n道路坑洞修補", "402", "works-drain"),
        new("works-drain", "works", "廖振宏", "Liao Chen-hung", "技佐", "Assistant Engineer", "水溝蓋維修、側溝清疏\n公園綠地維護", "403", "works-officer"),
        new("agri-head", "agri", "羅玉珍", "Lo Yu-chen", "農經課課長", "Head of Agriculture and Economy", "農經課綜理", "501", "agri-officer"),
        new("agri-officer", "agri", "施俊宏", "Shih Chun-hung", "課員", "Clerk", "農業用地作農業使用證明書\n休耕及轉作補助", "502", "agri-head"),
        new("culture-head", "culture", "何靜宜", "Ho Ching-yi", "人文課課長", "Head of Culture and Humanities", "人文課綜理\n藝文活動", "601", "culture-officer"),
        new("culture-officer", "culture", "郭子豪", "Kuo Tzu-hao", "課員", "Clerk", "社區發展協會輔導\n大禮堂藝文活動借用", "602", "culture-head"),
        new("personnel-head", "personnel", "蘇惠君", "Su Hui-chun", "人事室主任", "Director of Personnel", "人事室綜理\n在（離）職證明", "701", "personnel-officer"),
        new("personnel-officer", "personnel", "高嘉玲", "Kao Chia-ling", "課員", "Clerk", "差勤及訓練進修\n員工協助方案", "702", "personnel-head"),
        new("ethics", "ethics", "潘正義", "Pan Cheng-yi", "政風室主任", "Director of Ethics", "政風業務\n檢舉案件受理及保密\n機關安全維護", "801", null),
    ];

    public static readonly SectionSeed[] XinwuSections =
    [
        new("civil", "民政課", "Civil Affairs Section", "(03) 477-2184 #201"),
        new("social", "社會課", "Social Affairs Section", "(03) 477-2184 #301"),
    ];

    public static readonly StaffSeed[] XinwuStaff =
    [
        new("xinwu-head", "social", "江明德", "Chiang Ming-te", "社會課課長", "Head of Social Affairs", "社會課綜理", "301", "xinwu-officer"),
        new("xinwu-officer", "social", "范雅雯", "Fan Ya-wen", "課員", "Clerk", "社會救助\n急難救助", "302", "xinwu-head"),
        new("xinwu-civil", "civil", "彭世豪", "Peng Shih-hao", "課員", "Clerk", "兵役業務", "202", null),
    ];
}
