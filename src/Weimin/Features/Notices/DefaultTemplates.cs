using Weimin.Features.Cases;

namespace Weimin.Features.Notices;

/// <summary>A template's text: a subject (e-mail, letter) and a body, with {placeholders}.</summary>
public sealed record TemplateText(string Subject, string Body);

/// <summary>
/// Long texts serve e-mail, letters and the phone script; short ones serve SMS and LINE, where every character costs
/// (70 per UCS-2 segment).
/// </summary>
public enum TemplateForm { Long = 0, Short = 1 }

/// <summary>
/// The built-in wording of every notice in zh-TW and English. An agency's admin may replace any of them
/// (<c>NoticeTemplate</c>, versioned); these stay as the fallback.
/// </summary>
public static class DefaultTemplates
{
    public static TemplateForm FormOf(NoticeChannel channel) =>
        channel is NoticeChannel.Sms or NoticeChannel.Line ? TemplateForm.Short : TemplateForm.Long;

    /// <summary>The placeholders a template may use; anything else in braces is left as written.</summary>
    public static readonly string[] Placeholders =
        ["name", "number", "service", "agency", "received", "due", "newDue", "reason", "result", "documents", "link", "days", "cases", "section", "date", "time", "counter",
         "month", "total", "answered", "ontime", "late", "open", "overdue", "dissatisfied"];

    public static TemplateText Get(NoticeEvent e, string language, TemplateForm form)
    {
        var en = language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var (zhSubject, zhLong, zhShort, enSubject, enLong, enShort) = Texts(e);
        return en
            ? new TemplateText(enSubject, form == TemplateForm.Short ? enShort : enLong)
            : new TemplateText(zhSubject, form == TemplateForm.Short ? zhShort : zhLong);
    }

    private static (string, string, string, string, string, string) Texts(NoticeEvent e) => e switch
    {
        NoticeEvent.Acknowledgement => (
            "【{agency}】收件確認 {number}",
            "{name} 您好：\n\n{agency}已於{received}收到您申請的「{service}」，案號 {number}，預定於{due}前辦結。\n您可以在 {link} 查詢辦理進度（需輸入收據上的查詢碼）。\n\n{agency} 敬上",
            "{agency}已收件：{service}，案號{number}，預定{due}前辦結。進度：{link}",
            "[{agency}] We have received your application {number}",
            "Dear {name},\n\n{agency} received your application for \"{service}\" on {received}. Your case number is {number} and we expect to finish it by {due}.\nYou can follow it at {link} with the code on your receipt.\n\n{agency}",
            "{agency} received your application {number} ({service}); due {due}. Track: {link}"),
        NoticeEvent.SupplementRequest => (
            "【{agency}】補件通知 {number}",
            "{name} 您好：\n\n您申請的「{service}」（案號 {number}）尚缺下列文件，請一次補齊：\n{documents}\n{reason}\n補件期間不計入處理期限。\n\n{agency} 敬上",
            "{agency}通知：案號{number}尚缺{documents}，請補件。{link}",
            "[{agency}] Documents needed for {number}",
            "Dear {name},\n\nYour application for \"{service}\" (case {number}) still needs the following documents; please bring them all at once:\n{documents}\n{reason}\nThe time limit is paused until you do.\n\n{agency}",
            "{agency}: case {number} needs {documents}. {link}"),
        NoticeEvent.Extension => (
            "【{agency}】展期通知 {number}",
            "{name} 您好：\n\n您申請的「{service}」（案號 {number}）因「{reason}」需延長處理期限，預定辦結日改為{newDue}。\n進度查詢：{link}\n\n{agency} 敬上",
            "{agency}通知：案號{number}因{reason}展期，預定{newDue}辦結。",
            "[{agency}] More time needed for {number}",
            "Dear {name},\n\nWe need more time for your application for \"{service}\" (case {number}) because: {reason}. We now expect to finish it by {newDue}.\nTrack it at {link}.\n\n{agency}",
            "{agency}: case {number} extended ({reason}); now due {newDue}."),
        NoticeEvent.Overdue => (
            "【{agency}】案件逾期說明 {number}",
            "{name} 您好：\n\n您申請的「{service}」（案號 {number}）原定於{due}辦結，目前尚未完成，造成不便敬請見諒。承辦單位正在加速處理，完成後將立即通知您。\n進度查詢：{link}\n\n{agency} 敬上",
            "{agency}致歉：案號{number}已逾原定{due}期限，正加速處理中。{link}",
            "[{agency}] Your case {number} is late",
            "Dear {name},\n\nYour application for \"{service}\" (case {number}) was due by {due} and is not finished yet. We are sorry; the section is giving it priority and we will tell you as soon as it is done.\nTrack it at {link}.\n\n{agency}",
            "{agency}: sorry, case {number} is past its due date {due}; we are on it. {link}"),
        NoticeEvent.Completion => (
            "【{agency}】辦理結果 {number}",
            "{name} 您好：\n\n您申請的「{service}」（案號 {number}）已辦理完成。\n辦理結果：{result}\n\n{agency} 敬上",
            "{agency}通知：案號{number}已辦結。結果：{result}",
            "[{agency}] Your case {number} is done",
            "Dear {name},\n\nYour application for \"{service}\" (case {number}) has been completed.\nResult: {result}\n\n{agency}",
            "{agency}: case {number} is done. Result: {result}"),
        NoticeEvent.ReadyForPickup => (
            "【{agency}】領件通知 {number}",
            "{name} 您好：\n\n您申請的「{service}」（案號 {number}）已可領取，請攜帶收據及身分證件於上班時間至本所領件。\n{reason}\n\n{agency} 敬上",
            "{agency}通知：案號{number}已可領件，請攜收據及證件臨櫃領取。",
            "[{agency}] Ready for pickup: {number}",
            "Dear {name},\n\nYour \"{service}\" (case {number}) is ready. Please collect it during office hours and bring your receipt and ID.\n{reason}\n\n{agency}",
            "{agency}: case {number} is ready for pickup; bring your receipt and ID."),
        NoticeEvent.SurveyInvitation => (
            "【{agency}】服務滿意度調查",
            "{name} 您好：\n\n感謝您使用「{service}」（案號 {number}）。請撥冗填寫滿意度調查，協助我們改進：{link}\n\n{agency} 敬上",
            "{agency}邀請您填寫服務滿意度調查：{link}",
            "[{agency}] How did we do?",
            "Dear {name},\n\nThank you for using \"{service}\" (case {number}). Please tell us how we did: {link}\n\n{agency}",
            "{agency}: how did we do? {link}"),
        NoticeEvent.Rejection => (
            "【{agency}】申請案件辦理結果 {number}",
            "{name} 您好：\n\n您申請的「{service}」（案號 {number}）經審查無法辦理，理由如下：\n{reason}\n如有疑問，請洽承辦單位。\n\n{agency} 敬上",
            "{agency}通知：案號{number}無法辦理，理由：{reason}",
            "[{agency}] Decision on {number}",
            "Dear {name},\n\nWe cannot grant your application for \"{service}\" (case {number}), for this reason:\n{reason}\nPlease contact the section if you have questions.\n\n{agency}",
            "{agency}: case {number} refused: {reason}"),
        NoticeEvent.Transferred => (
            "【{agency}】案件移文通知 {number}",
            "{name} 您好：\n\n您的案件（案號 {number}）依權責已移請「{reason}」辦理，後續將由該機關回覆您。\n\n{agency} 敬上",
            "{agency}通知：案號{number}已移{reason}辦理。",
            "[{agency}] Case {number} sent to another agency",
            "Dear {name},\n\nYour case {number} belongs to {reason}, and we have sent it there; they will reply to you.\n\n{agency}",
            "{agency}: case {number} sent to {reason}."),
        NoticeEvent.PetitionForwarded => (
            "【{agency}】陳情案件移送通知 {number}",
            "{name} 您好：\n\n您的陳情（案號 {number}）依權責已移送「{reason}」處理，並副知您。\n\n{agency} 敬上",
            "{agency}通知：陳情案{number}已移送{reason}處理。",
            "[{agency}] Your petition {number} was forwarded",
            "Dear {name},\n\nYour petition {number} was forwarded to {reason}, which is responsible for it.\n\n{agency}",
            "{agency}: petition {number} forwarded to {reason}."),
        NoticeEvent.PetitionReply => (
            "【{agency}】陳情案件答復 {number}",
            "{name} 您好：\n\n有關您的陳情（案號 {number}），答復如下：\n{result}\n\n{agency} 敬上",
            "{agency}已答復您的陳情{number}，詳見：{link}",
            "[{agency}] Reply to your petition {number}",
            "Dear {name},\n\nOur reply to your petition {number}:\n{result}\n\n{agency}",
            "{agency} replied to petition {number}: {link}"),
        NoticeEvent.RatingInvitation => (
            "【{agency}】陳情答復滿意度評分",
            "{name} 您好：\n\n請為我們對您陳情（案號 {number}）的答復評分：{link}\n\n{agency} 敬上",
            "{agency}邀請您為陳情{number}的答復評分：{link}",
            "[{agency}] Please rate our reply",
            "Dear {name},\n\nPlease rate our reply to your petition {number}: {link}\n\n{agency}",
            "{agency}: rate our reply to {number}: {link}"),
        NoticeEvent.PetitionMonthlyReport => (
            "【陳情月報】{section} {month}",
            "{name} 您好：\n\n{section} {month}收到陳情案件 {total} 件：已答復 {answered} 件（準時 {ontime} 件、逾期 {late} 件），尚未結案 {open} 件，其中逾期未答 {overdue} 件；陳情人表示不滿意 {dissatisfied} 件。\n\n待檢討案件：\n{cases}\n\n月報全文：{link}",
            "陳情月報：{section}{month}收件{total}件，逾期{late}件，未結{open}件。",
            "[Petitions] {section}, {month}",
            "Dear {name},\n\n{section} received {total} petition(s) in {month}: {answered} answered ({ontime} on time, {late} late), {open} still open of which {overdue} overdue; {dissatisfied} petitioner(s) dissatisfied.\n\nCases to review:\n{cases}\n\nThe full report: {link}",
            "Petitions {month}: {section} received {total}, {late} late, {open} open."),
        NoticeEvent.BookingConfirmed => (
            "【{agency}】預約確認 {number}",
            "{name} 您好：\n\n您已預約「{service}」：{date} {time}，地點 {counter}，預約編號 {number}。\n請攜帶應備證件準時到場；如需取消或改期，請使用預約確認頁上的連結。\n\n{agency} 敬上",
            "{agency}預約確認：{service} {date} {time}，{counter}，編號{number}。",
            "[{agency}] Booking confirmed {number}",
            "Dear {name},\n\nYou have booked \"{service}\" on {date} at {time}, at {counter}. Your booking number is {number}.\nPlease bring the documents listed for the service. To cancel or change it, use the link on your confirmation page.\n\n{agency}",
            "{agency}: booked {service} {date} {time} at {counter}, no. {number}."),
        NoticeEvent.BookingReminder => (
            "【{agency}】明日預約提醒 {number}",
            "{name} 您好：\n\n提醒您明天（{date}）{time} 在 {counter} 辦理「{service}」，預約編號 {number}。\n\n{agency} 敬上",
            "{agency}提醒：明天{date} {time}於{counter}辦理{service}，編號{number}。",
            "[{agency}] Reminder: your booking tomorrow {number}",
            "Dear {name},\n\nA reminder of your booking tomorrow ({date}) at {time} at {counter} for \"{service}\". Booking number {number}.\n\n{agency}",
            "{agency}: reminder, {service} tomorrow {date} {time} at {counter}, no. {number}."),
        NoticeEvent.BookingCancelled => (
            "【{agency}】預約已取消 {number}",
            "{name} 您好：\n\n您{date} {time}「{service}」的預約（編號 {number}）已取消。\n\n{agency} 敬上",
            "{agency}：您{date} {time}的{service}預約（{number}）已取消。",
            "[{agency}] Booking cancelled {number}",
            "Dear {name},\n\nYour booking {number} for \"{service}\" on {date} at {time} has been cancelled.\n\n{agency}",
            "{agency}: booking {number} ({service} {date} {time}) cancelled."),
        NoticeEvent.VenueApproved => (
            "【{agency}】場地借用核准 {number}",
            "{name} 您好：\n\n您申請借用 {counter}（{date} {time}，申請編號 {number}）已核准。請依場地使用規則使用。\n\n{agency} 敬上",
            "{agency}：場地借用{number}已核准，{counter} {date} {time}。",
            "[{agency}] Venue request approved {number}",
            "Dear {name},\n\nYour request {number} to use {counter} on {date}, {time} is approved. Please follow the venue's rules.\n\n{agency}",
            "{agency}: venue request {number} approved: {counter} {date} {time}."),
        NoticeEvent.VenueRejected => (
            "【{agency}】場地借用未核准 {number}",
            "{name} 您好：\n\n您申請借用 {counter}（{date} {time}，申請編號 {number}）未獲核准，理由：{reason}\n\n{agency} 敬上",
            "{agency}：場地借用{number}未核准，理由：{reason}",
            "[{agency}] Venue request not approved {number}",
            "Dear {name},\n\nYour request {number} to use {counter} on {date}, {time} was not approved. Reason: {reason}\n\n{agency}",
            "{agency}: venue request {number} not approved: {reason}"),
        NoticeEvent.DueReminder => (
            "【稽催】案件 {number} 將於{due}到期",
            "{name} 您好：\n\n您承辦的案件 {number}（{service}）將於{due}到期，尚餘 {days} 個工作日。\n{link}",
            "稽催：案件{number}將於{due}到期（餘{days}工作日）。",
            "[Reminder] Case {number} is due {due}",
            "Dear {name},\n\nCase {number} ({service}) in your care is due {due}: {days} working day(s) left.\n{link}",
            "Reminder: case {number} due {due} ({days} working days left)."),
        NoticeEvent.Escalation => (
            "【稽催】{section}案件 {number} 已逾期",
            "{name} 您好：\n\n{section}的案件 {number}（{service}）已於{due}到期而尚未辦結，請督導處理。\n{link}",
            "稽催：{section}案件{number}已逾{due}期限。",
            "[Escalation] Case {number} of {section} is late",
            "Dear {name},\n\nCase {number} ({service}) of {section} was due {due} and is not finished. Please see to it.\n{link}",
            "Escalation: case {number} of {section} was due {due}."),
        NoticeEvent.WeeklyDigest => (
            "【稽催週報】{section}逾期案件 {days} 件",
            "{name} 您好：\n\n{section}目前有 {days} 件逾期案件：\n{cases}\n{link}",
            "稽催週報：{section}逾期{days}件。",
            "[Weekly] {section}: {days} late case(s)",
            "Dear {name},\n\n{section} has {days} late case(s):\n{cases}\n{link}",
            "Weekly: {section} has {days} late case(s)."),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, null),
    };
}
