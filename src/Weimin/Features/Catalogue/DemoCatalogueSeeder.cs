using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Demo;
using Weimin.Features.Organisation;
using C = Weimin.Features.Catalogue.ServiceChannels;

namespace Weimin.Features.Catalogue;

/// <summary>
/// Demo catalogue: services 楊梅區公所 names in its 104年 plan (seeds/000: single windows, 線上申辦, 得來速, 免書證免謄本),
/// with plausible documents, limits and SOPs, and its single windows; a few services of 新屋區公所. Only into an
/// empty catalogue, only in demo mode, after the demo organisation (Order 100).
/// </summary>
internal sealed class DemoCatalogueSeeder(DemoOptions options, TimeProvider clock) : IStartupSeeder
{
    public int Order => 120;

    /// <param name="Docs">one document a line: name|flags|note (flags: E = verified electronically, O = only in some cases)</param>
    /// <param name="Steps">one step a line: title|days|description</param>
    private sealed record Seed(
        string Code, string Section, string Name, string NameEn, string Topic, int Days, C Channels, string? Officer,
        string Fee, string Legal, string Description, string Eligibility, string Docs, string Steps, bool Location = false);

    private const string Id = "國民身分證|";
    private const string Household = "戶口名簿或戶籍謄本|E|免附：本所以戶役政系統查驗（免書證免謄本）";
    private const string Proxy = "委託書及受託人身分證|O|委託他人代辦時";
    private const string Bank = "申請人郵局或金融機構存摺封面影本|";
    private const string Counter = "收件|0|櫃台核對證件，開立收件單；欠缺文件開立一次告知單";
    private const string RepairSteps = "受理報修|0|記錄地點、照片與聯絡方式，開立案件編號\n派工查勘|1|承辦人或開口契約廠商到場查勘\n修復|0|依契約派工修復\n回報結案|0|通知報修人修復結果";

    private static readonly Seed[] Yangmei =
    [
        new("low-income-cert", "social", "低收入戶證明", "Low-income household certificate", "社會救助", 1, C.Counter | C.CrossDistrict, "social-officer",
            "免費", "社會救助法第4條", "已列冊之低收入戶申請證明，供減免學雜費、健保費等使用。", "經核定列冊之本區低收入戶戶內人口。",
            $"{Id}\n{Household}\n{Proxy}", $"{Counter}\n查核列冊資料|0|查核本年度低收入戶名冊\n核發證明|1|核章後交付申請人"),
        new("mid-low-income-cert", "social", "中低收入戶證明", "Middle-to-low-income household certificate", "社會救助", 1, C.Counter | C.CrossDistrict, "social-officer",
            "免費", "社會救助法第4條之1", "已列冊之中低收入戶申請證明。", "經核定列冊之本區中低收入戶戶內人口。",
            $"{Id}\n{Household}\n{Proxy}", $"{Counter}\n查核列冊資料|0|\n核發證明|1|"),
        new("low-income-application", "social", "低收入戶及中低收入戶申請", "Application for low-income status", "社會救助", 30, C.Counter | C.HomeVisit, "social-officer",
            "免費", "社會救助法第4條、第4條之1、第5條", "家庭總收入及財產未超過公告標準者，申請列冊為低收入戶或中低收入戶。", "設籍本區並實際居住，家庭總收入平均每人每月未超過當年度最低生活費。",
            $"申請書|\n{Id}\n{Household}\n財產及所得資料|E|本所統一向稅捐機關查調（免附）\n{Bank}", $"{Counter}\n里幹事訪視|10|家庭訪視並填寫訪視表\n財稅資料查調|10|\n審核送市府社會局核定|10|"),
        new("mid-low-elderly-allowance", "social", "中低收入老人生活津貼", "Living allowance for middle-to-low-income seniors", "老人福利", 20, C.Counter | C.HomeVisit, "social-elder",
            "免費", "中低收入老人生活津貼發給辦法", "年滿 65 歲、家庭所得及財產符合標準之老人，按月發給生活津貼。", "年滿 65 歲，設籍並實際居住本市，未接受政府公費收容安置。",
            $"申請書|\n{Id}\n{Household}\n{Bank}\n財產及所得資料|E|本所統一查調（免附）", $"{Counter}\n財稅資料查調|10|\n審核送市府社會局核定|10|"),
        new("childcare-allowance", "social", "育兒津貼", "Childcare allowance", "婦幼福利", 7, C.Counter | C.OnlineBooking | C.DriveThrough | C.CrossDistrict, "social-welfare",
            "免費", "育兒津貼申請作業要點", "未滿 2 歲幼兒之父母（或監護人）一方，未領取育嬰留職停薪津貼、幼兒未接受公共化托育者，按月申領。", "幼兒與申請人設籍本市，且符合所得稅率及財產標準。",
            $"申請書|\n{Id}\n{Household}\n{Bank}\n育嬰留職停薪證明|O|曾請領育嬰留職停薪津貼者", $"{Counter}\n資格審核|5|查調所得稅率與托育情形\n核定撥款|2|核定後按月撥入帳戶"),
        new("birth-allowance", "social", "生育津貼", "Birth allowance", "婦幼福利", 7, C.Counter | C.OnlineApplication | C.CrossDistrict, "social-welfare",
            "免費", "桃園市生育津貼發給辦法", "本市市民生育子女，每胎發給生育津貼。", "新生兒出生登記於本市，且父或母一方設籍本市一年以上。",
            $"申請書|\n{Id}\n{Household}\n{Bank}", $"{Counter}\n資格審核|5|\n核定撥款|2|"),
        new("elderly-festival-bonus", "social", "老年市民三節獎勵金", "Festival bonus for senior citizens", "老人福利", 7, C.Counter | C.OnlineBooking | C.DriveThrough, "social-elder",
            "免費", "桃園市老年市民三節獎勵金發放自治條例", "春節、端午、中秋三節發給年滿 65 歲之老年市民獎勵金。", "年滿 65 歲、設籍本市一年以上。",
            $"申請書|\n{Id}\n{Household}\n{Bank}", $"{Counter}\n資格審核|5|\n造冊撥款|2|"),
        new("double-ninth-gift", "social", "重陽禮金", "Double Ninth Festival gift money", "老人福利", 7, C.Counter | C.OnlineBooking | C.DriveThrough, "social-elder",
            "免費", "桃園市重陽敬老禮金發放辦法", "重陽節發給本市年長市民敬老禮金。", "當年度年滿 65 歲、設籍本市。",
            $"申請書|\n{Id}\n{Household}\n{Bank}", $"{Counter}\n資格審核|5|\n造冊撥款|2|"),
        new("senior-card", "social", "敬老愛心卡", "Senior and disability welfare card", "老人福利", 10, C.Counter | C.CrossDistrict, "social-elder",
            "首次申請免費；遺失補發新臺幣 100 元", "桃園市敬老愛心卡發放及使用辦法", "年滿 65 歲長者及身心障礙者之搭乘交通工具及醫療補助卡（本所代收代繳補發費用）。", "設籍本市年滿 65 歲者或領有身心障礙證明者。",
            $"申請書|\n{Id}\n最近二年內 2 吋照片 1 張|\n身心障礙證明|EO|身心障礙者申請時，本所電子查驗", $"{Counter}\n製卡|8|送製卡廠商\n通知領卡|2|"),
        new("disability-parking-permit", "social", "身心障礙者專用停車位識別證", "Disabled parking permit", "身心障礙福利", 3, C.Counter | C.OnlineApplication | C.CrossDistrict, "social-disability",
            "免費", "身心障礙者專用停車位識別證明核發及管理辦法", "行動不便之身心障礙者所乘車輛使用身心障礙者專用停車位之識別證。", "領有身心障礙證明且經評估行動不便者。",
            $"申請書|\n身心障礙證明|E|本所電子查驗\n車輛行車執照|E|以監理系統查驗\n駕駛人駕照|O|本人駕駛時\n{Proxy}", $"{Counter}\n資格及車籍查驗|2|\n核發識別證|1|"),
        new("elderly-phone-care", "social", "獨居老人電話問安服務", "Phone check-ins for seniors living alone", "老人福利", 5, C.OnlineApplication | C.Phone | C.Counter, "social-elder",
            "免費", "老人福利法第 17 條", "志工定期以電話問候獨居長者，必要時轉介關懷訪視。", "本區 65 歲以上獨居或僅與配偶同住之長者。",
            "申請書|\n緊急聯絡人資料|", "受理申請|0|\n訪視評估|3|\n排定問安志工|2|"),
        new("child-emergency-aid", "social", "弱勢家庭兒童及少年緊急生活扶助", "Emergency aid for children in vulnerable families", "婦幼福利", 10, C.OnlineApplication | C.Counter, "social-welfare",
            "免費", "弱勢家庭兒童及少年緊急生活扶助作業要點", "家庭遭變故致兒童及少年生活陷困者之短期生活扶助。", "未滿 18 歲，家庭因死亡、失蹤、重病、失業等致生活陷於困境。",
            $"申請書|\n{Id}\n{Household}\n事故證明文件|O|如診斷證明、失業證明\n{Bank}", $"{Counter}\n訪視評估|5|\n審核送市府核定|5|"),
        new("emergency-aid", "social", "急難救助", "Emergency relief", "社會救助", 3, C.Counter | C.HomeVisit, "social-officer",
            "免費", "社會救助法第21條", "負家庭主要生計責任者死亡、失蹤或罹患重病等，致生活陷困者之急難救助。", "設籍本區並實際居住，遭逢急難致生活陷於困境。",
            $"申請書|\n{Id}\n{Household}\n事故證明文件|\n{Bank}", $"{Counter}\n里幹事訪視|2|\n核定撥款|1|"),
        new("military-deferment", "civil", "役男緩徵申請", "Deferment of conscription", "兵役", 3, C.Counter | C.Mail | C.CrossDistrict, "civil-officer",
            "免費", "兵役法施行法第 35 條；免役禁役緩徵緩召實施辦法", "在學役男申請緩徵。", "接受徵兵處理之在學役男。",
            $"緩徵申請書|\n{Id}\n在學證明|E|以教育部學籍系統電子查驗（免附）", $"{Counter}\n審核|2|\n函復核定|1|"),
        new("military-exit", "civil", "役男出境申請", "Exit permit for men of conscription age", "兵役", 1, C.Counter | C.OnlineApplication, "civil-officer",
            "免費", "役男出境處理辦法", "尚未履行兵役義務之役男出境之核准。", "年滿 18 歲之翌年 1 月 1 日起尚未服役之役男。",
            $"申請書|\n{Id}", $"{Counter}\n核准並加蓋戳記|1|"),
        new("alternative-service", "civil", "替代役申請", "Application for alternative service", "兵役", 5, C.Counter, "civil-officer",
            "免費", "替代役實施條例", "役男申請服替代役（家庭因素、宗教因素、專長資格）。", "經徵兵檢查判定常備役或替代役體位之役男。",
            $"申請書|\n{Id}\n{Household}\n專長或家庭因素證明|O|依申請類別", $"{Counter}\n審查|3|\n送市府轉役政署|2|"),
        new("military-family-aid", "civil", "軍人家屬生活扶助", "Living aid for families of servicemen", "兵役", 10, C.Counter | C.HomeVisit, "civil-officer",
            "免費", "兵役法施行法第 32 條；軍人及其家屬優待條例", "義務役軍人家屬生活困難者之生活扶助。", "役男服役期間，家屬生活陷困者。",
            $"申請書|\n{Id}\n{Household}\n財產及所得資料|E|本所統一查調", $"{Counter}\n里幹事訪視|5|\n審核送市府核定|5|"),
        new("reservist-change", "civil", "後備軍人異動申報", "Reservist status change", "兵役", 0, C.Counter | C.CrossDistrict, "civil-officer",
            "免費", "後備軍人管理規則", "後備軍人遷徙、出境、職業變更等之申報。", "後備軍人。",
            $"{Id}\n後備軍人證明書|", "臨櫃申報|0|當場登錄"),
        new("exemption-cert-reissue", "civil", "免役、禁役證明書補發", "Reissue of exemption certificate", "兵役", 3, C.Counter, "civil-officer",
            "免費", "免役禁役緩徵緩召實施辦法", "遺失或毀損之免役、禁役證明書申請補發。", "曾核定免役、禁役者。",
            $"申請書|\n{Id}", $"{Counter}\n查核兵籍資料|2|\n補發證明書|1|"),
        new("land-zoning-cert", "civil", "土地使用分區證明書", "Land-use zoning certificate", "地政與建管", 1, C.Counter | C.Mail, "civil-clerk",
            "每張新臺幣 200 元", "都市計畫法；桃園市都市計畫土地使用分區證明核發作業要點", "核發都市計畫區內土地之使用分區證明。", "土地所有權人或利害關係人。",
            "申請書|\n地籍圖謄本|E|以地政電子謄本系統查詢（免附）\n" + Id + "\n" + Proxy, $"{Counter}\n套繪查核|1|\n核發證明書|0|"),
        new("columbarium", "civil", "納骨塔使用申請", "Columbarium niche application", "殯葬", 0, C.Counter | C.OnlineBooking, "civil-clerk",
            "依桃園市殯葬設施使用費收費標準", "殯葬管理條例；桃園市殯葬設施使用管理自治條例", "申請使用本區公墓納骨塔塔位，可先上網查詢剩餘塔位。", "亡者或其家屬設籍本區者依本區收費標準；外區依外區標準。",
            $"申請書|\n死亡證明書|\n火化許可證|O|骨灰進塔時\n申請人身分證|\n{Household}", $"{Counter}\n繳費|0|\n核發進塔許可|0|"),
        new("disaster-relief", "civil", "災害救助金", "Disaster relief payment", "防災", 14, C.Counter | C.HomeVisit, "civil-village",
            "免費", "災害防救法；桃園市災害救助金核發辦法", "風災、水災、震災等致房屋毀損、人員傷亡之救助金。", "災害發生時設籍並居住於災區者。",
            $"申請書|\n{Id}\n{Household}\n受災照片|\n{Bank}", $"{Counter}\n現場勘查|7|\n審核送市府核定|7|", true),
        new("streetlight-repair", "works", "路燈報修", "Street light repair", "道路與路燈", 3, C.Counter | C.OnlineApplication | C.Phone, "works-officer",
            "免費", "桃園市路燈管理自治條例", "路燈不亮、閃爍、燈桿傾斜等之報修，可臨櫃、電話、LINE 或線上申辦。", "任何民眾。",
            "路燈編號或位置照片|O|有助於迅速找到路燈", RepairSteps, true),
        new("pothole-repair", "works", "道路坑洞修補", "Pothole repair", "道路與路燈", 7, C.Counter | C.OnlineApplication | C.Phone, "works-officer",
            "免費", "市區道路條例", "區管道路坑洞、路面破損之修補。", "任何民眾。",
            "現場照片|O|", RepairSteps, true),
        new("drain-cover-repair", "works", "水溝蓋維修", "Drain cover repair", "道路與路燈", 7, C.Counter | C.OnlineApplication | C.Phone, "works-drain",
            "免費", "市區道路條例；桃園市公共排水管理自治條例", "水溝蓋破損、鬆動、缺漏之維修。", "任何民眾。",
            "現場照片|O|", RepairSteps, true),
        new("mirror-repair", "works", "道路反射鏡維修", "Traffic mirror repair", "道路與路燈", 7, C.Counter | C.OnlineApplication | C.Phone, "works-officer",
            "免費", "市區道路條例", "轉角反射鏡破損、角度偏移之維修。", "任何民眾。",
            "現場照片|O|", RepairSteps, true),
        new("ditch-cleaning", "works", "側溝清疏", "Roadside ditch clearing", "道路與路燈", 10, C.Counter | C.Phone, "works-drain",
            "免費", "桃園市公共排水管理自治條例", "區管道路側溝淤積之清疏。", "任何民眾。",
            "現場照片|O|", RepairSteps, true),
        new("park-maintenance", "works", "公園綠地維護", "Park and green space maintenance", "公園綠地", 7, C.Counter | C.OnlineApplication | C.Phone, "works-drain",
            "免費", "桃園市公園管理自治條例", "公園、綠地設施損壞、樹木傾倒、環境髒亂之維護。", "任何民眾。",
            "現場照片|O|", RepairSteps, true),
        new("farmland-use-cert", "agri", "農業用地作農業使用證明書", "Certificate of agricultural use of farmland", "農業", 10, C.Counter | C.OnlineBooking | C.DriveThrough | C.Mail, "agri-officer",
            "每筆土地新臺幣 500 元", "農業發展條例第 37 條、第 38 條；農業用地作農業使用認定及核發證明辦法", "供農業用地移轉免徵土地增值稅、遺產稅等使用之證明，可網路預約、得來速取件。", "農業用地所有權人或其代理人。",
            $"申請書|\n土地登記謄本|E|以地政電子謄本系統查詢（免附）\n地籍圖謄本|E|以地政電子謄本系統查詢（免附）\n{Id}\n土地使用現況照片|\n{Proxy}",
            $"{Counter}\n會同相關單位現場會勘|5|\n審查|3|\n核發證明書|2|"),
        new("fallow-subsidy", "agri", "休耕及轉作申報", "Fallow and crop-switch declaration", "農業", 15, C.Counter | C.HomeVisit, "agri-officer",
            "免費", "對地綠色環境給付計畫", "申報休耕、轉作以領取對地綠色環境給付；1、2、4、7 號櫃台與富岡、上湖、上田、高榮等據點受理。", "農地所有權人或實際耕作者。",
            $"申報書|\n{Id}\n土地登記謄本|E|本所電子查驗\n{Bank}", $"{Counter}\n現場勘查|10|\n造冊送農業局|5|"),
        new("farm-machinery-cert", "agri", "農機使用證明", "Farm machinery use certificate", "農業", 5, C.Counter | C.HomeVisit, "agri-officer",
            "免費", "農業機械使用證明核發作業要點", "中古農機申請農機使用證，得到府查驗。", "從事農業生產之農民。",
            $"申請書|\n{Id}\n農機購買證明|\n農保或農民身分證明|E|以農保資料查驗", $"{Counter}\n到府查驗|3|\n核發證明|2|"),
        new("rodenticide", "agri", "鼠藥發放", "Rodenticide distribution", "農業", 0, C.Counter | C.HomeVisit, "agri-officer",
            "免費", "全國滅鼠週作業", "滅鼠週期間發放鼠藥，得配送到府。", "本區農民及住戶。",
            Id.TrimEnd('|') + "|O|代領免附", "登記領取|0|當場發放"),
        new("community-association", "culture", "社區發展協會會務備查", "Community development association filings", "社區", 10, C.Counter | C.Mail, "culture-officer",
            "免費", "社區發展工作綱要", "社區發展協會會員大會、理監事改選及章程修正之備查。", "本區立案之社區發展協會。",
            "函文|\n會議紀錄|\n會員名冊|\n理監事名冊|O|改選時", "收文|0|\n審查|7|\n函復備查|3|"),
        new("indigenous-emergency-aid", "culture", "原住民急難救助", "Emergency aid for indigenous residents", "原住民", 3, C.Counter | C.HomeVisit, "culture-officer",
            "免費", "桃園市原住民急難救助實施要點", "原住民家庭遭逢急難之救助（一級一審）。", "設籍本區之原住民。",
            $"申請書|\n{Id}\n{Household}\n事故證明文件|\n{Bank}", $"{Counter}\n訪視|2|\n核定撥款|1|"),
        new("auditorium-booking", "secretariat", "大禮堂及會議室場地借用", "Auditorium and meeting room booking", "場地借用", 3, C.Counter | C.OnlineApplication | C.OnlineBooking, "secretariat-admin",
            "依本所場地使用收費標準；公益活動得減免", "桃園市楊梅區公所大禮堂及會議室借用管理要點", "借用本所大禮堂或會議室辦理活動，可線上查詢空檔並申請。", "機關、學校、團體及民眾。",
            "借用申請書|\n活動計畫或說明|O|大型活動時\n立案證明|O|團體申請時", "受理申請|0|\n查核場地檔期|1|\n核准並通知繳費|2|"),
        new("health-insurance", "secretariat", "全民健康保險第六類投保", "National health insurance (category 6) enrolment", "健保", 0, C.Counter | C.OnlineBooking | C.CrossDistrict, "secretariat-front",
            "保險費依健保署公告", "全民健康保險法第 10 條", "無職業或榮民、低收入戶等第六類保險對象之投保、轉出，午間及延時可預約辦理。", "設籍本區之第六類保險對象。",
            $"{Id}\n{Household}\n轉出申報表|O|由原投保單位轉出時", "臨櫃辦理|0|當場加保"),
        new("information-request", "secretariat", "政府資訊公開申請", "Request for government information", "行政", 15, C.Counter | C.Mail | C.OnlineApplication, "secretariat-rd",
            "閱覽免費；複製依收費標準", "政府資訊公開法第 12 條", "申請閱覽、抄錄或複製本所保有之政府資訊。", "任何人（外國人依互惠原則）。",
            $"申請書|\n{Id}", "收件|0|\n審查|10|\n通知准駁|5|"),
        new("employment-cert", "personnel", "在（離）職證明", "Certificate of employment", "人事", 0, C.Counter | C.Mail, "personnel-head",
            "免費", "公務人員人事資料管理規則", "本所現職或離職人員申請在職或離職證明。", "本所現職或曾任職人員。",
            $"申請書|\n{Id}\n{Proxy}", "臨櫃核對身分|0|\n當場核發|0|"),
        new("service-record-cert", "personnel", "服務年資證明", "Certificate of service record", "人事", 1, C.Counter | C.Mail, "personnel-officer",
            "免費", "公務人員退休資遣撫卹法", "本所現職或離職人員之服務年資證明。", "本所現職或曾任職人員。",
            $"申請書|\n{Id}", $"{Counter}\n查核人事資料|1|"),
    ];

    private static readonly Seed[] Xinwu =
    [
        new("low-income-cert", "social", "低收入戶證明", "Low-income household certificate", "社會救助", 1, C.Counter | C.CrossDistrict, "xinwu-officer",
            "免費", "社會救助法第4條", "已列冊之低收入戶申請證明。", "經核定列冊之本區低收入戶戶內人口。",
            $"{Id}\n{Household}", $"{Counter}\n核發證明|1|"),
        new("mid-low-income-cert", "social", "中低收入戶證明", "Middle-to-low-income household certificate", "社會救助", 1, C.Counter, "xinwu-officer",
            "免費", "社會救助法第4條之1", "已列冊之中低收入戶申請證明。", "經核定列冊之本區中低收入戶戶內人口。",
            $"{Id}\n{Household}", $"{Counter}\n核發證明|1|"),
        new("emergency-aid", "social", "急難救助", "Emergency relief", "社會救助", 3, C.Counter | C.HomeVisit, "xinwu-officer",
            "免費", "社會救助法第21條", "遭逢急難致生活陷困者之救助。", "設籍本區並實際居住。",
            $"申請書|\n{Id}\n{Household}\n{Bank}", $"{Counter}\n訪視|2|\n核定撥款|1|"),
        new("military-deferment", "civil", "役男緩徵申請", "Deferment of conscription", "兵役", 3, C.Counter | C.Mail, "xinwu-civil",
            "免費", "免役禁役緩徵緩召實施辦法", "在學役男申請緩徵。", "接受徵兵處理之在學役男。",
            $"緩徵申請書|\n{Id}\n在學證明|E|以教育部學籍系統電子查驗（免附）", $"{Counter}\n審核|2|\n函復核定|1|"),
    ];

    private static readonly (string Name, string NameEn, string Location, string Hours, string[] Services)[] YangmeiWindows =
    [
        ("樂齡福利櫃台", "Senior welfare counter", "一樓服務大廳 3 號櫃台", "週一至週五 08:00–17:00",
            ["mid-low-elderly-allowance", "elderly-festival-bonus", "double-ninth-gift", "senior-card", "elderly-phone-care", "disability-parking-permit", "health-insurance"]),
        ("婦幼福利櫃台", "Women and children welfare counter", "一樓服務大廳 5 號櫃台", "週一至週五 08:00–17:00",
            ["childcare-allowance", "birth-allowance", "child-emergency-aid", "low-income-cert", "mid-low-income-cert"]),
        ("午間綜合服務櫃台", "Lunchtime service counter", "一樓服務大廳 1 號櫃台", "週一至週五 12:00–13:30",
            ["low-income-cert", "mid-low-income-cert", "childcare-allowance", "birth-allowance", "elderly-festival-bonus", "double-ninth-gift",
             "senior-card", "disability-parking-permit", "emergency-aid", "military-deferment", "military-exit", "reservist-change",
             "land-zoning-cert", "columbarium", "streetlight-repair", "pothole-repair", "drain-cover-repair", "farmland-use-cert",
             "health-insurance", "employment-cert"]),
        ("兵役單一窗口", "Military service window", "一樓民政課 2 號櫃台", "週一至週五 08:00–17:00",
            ["military-deferment", "military-exit", "alternative-service", "military-family-aid", "reservist-change", "exemption-cert-reissue"]),
        ("道路服務單一窗口", "Road services window", "二樓工務課", "週一至週五 08:00–17:00；LINE 群組全天",
            ["streetlight-repair", "pothole-repair", "drain-cover-repair", "mirror-repair"]),
    ];

    public async Task SeedAsync(AppDb db, CancellationToken ct)
    {
        if (!options.Enabled) return;
        if (await db.Set<Service>().IgnoreQueryFilters().AnyAsync(ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        await AddAsync(db, "yangmei", Yangmei, YangmeiWindows, now, ct);
        await AddAsync(db, "xinwu", Xinwu, [("綜合服務櫃台", "Service counter", "一樓", "週一至週五 08:00–17:00", ["low-income-cert", "emergency-aid", "military-deferment"])], now, ct);
    }

    private static async Task AddAsync(AppDb db, string agencyCode, Seed[] seeds,
        (string Name, string NameEn, string Location, string Hours, string[] Services)[] windows, DateTime now, CancellationToken ct)
    {
        var agency = await db.Set<Agency>().IgnoreQueryFilters().FirstOrDefaultAsync(a => a.Code == agencyCode, ct);
        if (agency is null) return;
        var sections = await db.Set<Section>().IgnoreQueryFilters().Where(s => s.AgencyId == agency.Id).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        // Demo staff carry their seed key in their e-mail (key@agency.weimin.example).
        var staff = (await db.Set<Staff>().IgnoreQueryFilters().Where(s => s.AgencyId == agency.Id && s.Email != null).Select(s => new { s.Id, s.Email }).ToListAsync(ct))
            .ToDictionary(s => s.Email![..s.Email!.IndexOf('@')], s => s.Id);

        var services = new Dictionary<string, Service>();
        var order = 0;
        foreach (var s in seeds)
        {
            var service = new Service
            {
                AgencyId = agency.Id, SectionId = sections[s.Section], Code = s.Code, Name = s.Name, NameEn = s.NameEn, Topic = s.Topic,
                Description = s.Description, Eligibility = s.Eligibility, Fee = s.Fee, TimeLimitDays = s.Days, LegalBasis = s.Legal,
                Channels = s.Channels, NeedsLocation = s.Location, DefaultOfficerId = s.Officer is null ? null : staff.GetValueOrDefault(s.Officer),
                SortOrder = ++order, UpdatedAtUtc = now,
            };
            var d = 0;
            foreach (var line in s.Docs.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = CatalogueTransfer.Split(line);
                var flags = f.ElementAtOrDefault(1) ?? "";
                service.Documents.Add(new RequiredDocument
                {
                    Name = f[0], ElectronicVerification = flags.Contains('E'), IsRequired = !flags.Contains('O'),
                    Note = CatalogueService.Blank(f.ElementAtOrDefault(2)), SortOrder = ++d,
                });
            }
            var n = 0;
            foreach (var line in s.Steps.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = CatalogueTransfer.Split(line);
                service.Steps.Add(new SopStep
                {
                    Order = ++n, Title = f[0], Days = int.TryParse(f.ElementAtOrDefault(1), out var days) ? days : null,
                    Description = CatalogueService.Blank(f.ElementAtOrDefault(2)),
                });
            }
            services[s.Code] = service;
            db.Add(service);
        }
        await db.SaveChangesAsync(ct);

        order = 0;
        foreach (var w in windows)
        {
            var window = new SingleWindow { AgencyId = agency.Id, Name = w.Name, NameEn = w.NameEn, Location = w.Location, Hours = w.Hours, SortOrder = ++order };
            foreach (var code in w.Services) window.Services.Add(new SingleWindowService { ServiceId = services[code].Id });
            db.Add(window);
        }
        await db.SaveChangesAsync(ct);
    }
}
