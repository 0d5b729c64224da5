using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Weimin.Features.Notices;

namespace Weimin.Tests.Notices;

/// <summary>
/// Every status code /work/shared/data/sms-gateways.md lists for 三竹 Mitake (§1.5, from go-mitake message.go), as the
/// gateway answers a send (over HTTP, from the local server that speaks Mitake's format) and as a delivery receipt:
/// which are sent, delivered, retried or given up, and that each has its documented meaning.
/// </summary>
public class MitakeCodesTests(NoticesApp app) : IClassFixture<NoticesApp>
{
    private MitakeGateway Gateway => app.Services.GetServices<ISmsGateway>().OfType<MitakeGateway>().Single();

    private static OutgoingNotice Sms(string key) => new(1, Features.Cases.NoticeChannel.Sms, "0912345678", "王小明", "", "您的案件已辦結", key);

    [Theory]
    [InlineData("0", SendOutcome.Sent)]
    [InlineData("1", SendOutcome.Sent)]
    [InlineData("2", SendOutcome.Sent)]
    [InlineData("3", SendOutcome.Sent)]
    [InlineData("4", SendOutcome.Delivered)]
    [InlineData("*", SendOutcome.TemporaryFailure)]
    [InlineData("a", SendOutcome.TemporaryFailure)]
    [InlineData("b", SendOutcome.TemporaryFailure)]
    [InlineData("c", SendOutcome.TemporaryFailure)]
    [InlineData("d", SendOutcome.TemporaryFailure)]
    [InlineData("e", SendOutcome.TemporaryFailure)]
    [InlineData("f", SendOutcome.TemporaryFailure)]
    [InlineData("h", SendOutcome.TemporaryFailure)]
    [InlineData("k", SendOutcome.TemporaryFailure)]
    [InlineData("l", SendOutcome.TemporaryFailure)]
    [InlineData("m", SendOutcome.TemporaryFailure)]
    [InlineData("n", SendOutcome.TemporaryFailure)]
    [InlineData("p", SendOutcome.TemporaryFailure)]
    [InlineData("r", SendOutcome.TemporaryFailure)]
    [InlineData("s", SendOutcome.TemporaryFailure)]
    [InlineData("8", SendOutcome.TemporaryFailure)]
    [InlineData("t", SendOutcome.PermanentFailure)]
    [InlineData("u", SendOutcome.PermanentFailure)]
    [InlineData("v", SendOutcome.PermanentFailure)]
    [InlineData("w", SendOutcome.PermanentFailure)]
    [InlineData("x", SendOutcome.PermanentFailure)]
    [InlineData("y", SendOutcome.PermanentFailure)]
    [InlineData("z", SendOutcome.PermanentFailure)]
    [InlineData("5", SendOutcome.PermanentFailure)]
    [InlineData("6", SendOutcome.PermanentFailure)]
    [InlineData("7", SendOutcome.PermanentFailure)]
    [InlineData("9", SendOutcome.PermanentFailure)]
    public async Task SendAnswer_EachDocumentedCode(string code, SendOutcome expected)
    {
        app.Gateways.Reset();
        if (code is not ("1")) { app.Gateways.Mode = GatewayMode.Error; app.Gateways.ErrorCode = code; }
        var result = await Gateway.SendAsync(Sms("mitake-code-" + code), null, CancellationToken.None);
        app.Gateways.Reset();
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(code, result.ProviderStatus);
        Assert.NotEqual("unknown", MitakeGateway.Meaning(code));
        if (expected is SendOutcome.TemporaryFailure or SendOutcome.PermanentFailure) Assert.Contains(MitakeGateway.Meaning(code), result.Error);
    }

    [Theory]
    [InlineData("0", ReceiptOutcome.Pending)]
    [InlineData("1", ReceiptOutcome.Pending)]
    [InlineData("2", ReceiptOutcome.Pending)]
    [InlineData("3", ReceiptOutcome.Pending)]
    [InlineData("4", ReceiptOutcome.Delivered)]
    [InlineData("5", ReceiptOutcome.Failed)]
    [InlineData("6", ReceiptOutcome.Failed)]
    [InlineData("7", ReceiptOutcome.Failed)]
    [InlineData("8", ReceiptOutcome.Retry)]
    [InlineData("9", ReceiptOutcome.Failed)]
    public void Receipt_TheDocumentedCallbackFields(string code, ReceiptOutcome expected)
    {
        // msgid, dstaddr, dlvtime, donetime, statuscode, statusstr, StatusFlag (sms-gateways.md §1.4)
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["msgid"] = "#000000013", ["dstaddr"] = "0912345678", ["dlvtime"] = "20261120093000", ["donetime"] = "20261120093005",
            ["statuscode"] = code, ["statusstr"] = code == "4" ? "DELIVRD" : "UNDELIV", ["StatusFlag"] = code,
        });
        var receipt = Gateway.ParseReceipt(query);
        Assert.NotNull(receipt);
        Assert.Equal(("#000000013", code, expected), (receipt.ProviderMessageId, receipt.ProviderStatus, receipt.Outcome));
        Assert.Contains(MitakeGateway.Meaning(code), receipt.Description);
    }
}

/// <summary>Every status code sms-gateways.md §2.4 lists for EVERY8D (from go-every8d status.go), sent and as receipts.</summary>
public class Every8dCodesTests(NoticesApp app) : IClassFixture<NoticesApp>
{
    private Every8dGateway Gateway => app.Services.GetServices<ISmsGateway>().OfType<Every8dGateway>().Single();

    [Theory]
    [InlineData("-3", SendOutcome.PermanentFailure)]
    [InlineData("-4", SendOutcome.PermanentFailure)]
    [InlineData("-24", SendOutcome.PermanentFailure)]
    [InlineData("-41", SendOutcome.PermanentFailure)]
    [InlineData("-99", SendOutcome.TemporaryFailure)]
    [InlineData("-100", SendOutcome.TemporaryFailure)]
    [InlineData("-101", SendOutcome.TemporaryFailure)]
    [InlineData("-300", SendOutcome.TemporaryFailure)]
    public async Task SendAnswer_EachDocumentedError(string code, SendOutcome expected)
    {
        app.UseSms(SmsProvider.Every8d);
        app.Gateways.Reset();
        app.Gateways.Mode = GatewayMode.Error;
        app.Gateways.ErrorCode = code;
        var result = await Gateway.SendAsync(new OutgoingNotice(1, Features.Cases.NoticeChannel.Sms, "0912345678", "王小明", "通知", "您的案件已辦結", "e8d-" + code),
            null, CancellationToken.None);
        app.Gateways.Reset();
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(code, result.ProviderStatus);
        Assert.NotEqual("unknown", Every8dGateway.Meaning(code));
    }

    [Theory]
    [InlineData("0", ReceiptOutcome.Pending)]
    [InlineData("100", ReceiptOutcome.Delivered)]
    [InlineData("101", ReceiptOutcome.Failed)]
    [InlineData("102", ReceiptOutcome.Failed)]
    [InlineData("103", ReceiptOutcome.Failed)]
    [InlineData("104", ReceiptOutcome.Failed)]
    [InlineData("105", ReceiptOutcome.Failed)]
    [InlineData("106", ReceiptOutcome.Failed)]
    [InlineData("107", ReceiptOutcome.Retry)]
    [InlineData("300", ReceiptOutcome.Pending)]
    [InlineData("301", ReceiptOutcome.Failed)]
    [InlineData("303", ReceiptOutcome.Failed)]
    [InlineData("500", ReceiptOutcome.Failed)]
    [InlineData("700", ReceiptOutcome.Pending)]
    [InlineData("888", ReceiptOutcome.Pending)]
    [InlineData("999", ReceiptOutcome.NotAReceipt)]
    public void Receipt_TheDocumentedCallbackFields(string status, ReceiptOutcome expected)
    {
        // BatchID, RM, RT, STATUS, SM, MR (sms-gateways.md §2.3)
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["BatchID"] = "220478cc-8506-49b2-93b7-2505f651c12e", ["RM"] = "+886912345678", ["RT"] = "20261120093005", ["STATUS"] = status,
            ["SM"] = status == "999" ? "收到，謝謝" : "", ["MR"] = "",
        });
        var receipt = Gateway.ParseReceipt(query);
        Assert.NotNull(receipt);
        Assert.Equal(expected, receipt.Outcome);
        Assert.NotEqual("unknown", Every8dGateway.Meaning(status));
    }
}
