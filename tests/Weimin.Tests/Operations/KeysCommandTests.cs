using System.Net;
using Weimin.Features.Operations;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Operations;

public sealed class KeysCommandTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private (int Code, string Output) Keys(params string[] args)
    {
        var output = new StringWriter();
        var code = KeysCommand.Run(app.Services, ["keys", .. args], output, app.Clock);
        return (code, output.ToString());
    }

    [Fact]
    public async Task Keys_can_be_listed_rotated_and_all_revoked_which_signs_everyone_out()
    {
        var officer = await app.SignInAsync("officer");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/cases")).StatusCode);

        var (listed, before) = Keys("list");
        Assert.Equal(0, listed);
        Assert.Contains("active", before);

        var (rotated, rotation) = Keys("rotate");
        Assert.Equal(0, rotated);
        Assert.StartsWith("new key ", rotation);
        // A rotation keeps the old key readable: the sign-in survives.
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/cases")).StatusCode);
        Assert.Equal(before.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length + 1, Keys("list").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        Assert.Equal(2, Keys("revoke-all").Code); // a reason is required
        Assert.Equal(2, Keys("shred").Code);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/cases")).StatusCode);

        var (revoked, said) = Keys("revoke-all", "測試：金鑰外洩");
        Assert.Equal(0, revoked);
        Assert.Contains("Everyone must sign in again", said);
        // The key ring is refreshed in the background after a change: the old ring may serve a request or two.
        var after = await officer.GetAsync("/cases");
        for (var i = 0; i < 50 && after.StatusCode == HttpStatusCode.OK; i++)
        {
            await Task.Delay(200);
            after = await officer.GetAsync("/cases");
        }
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location?.ToString());
        Assert.Contains("revoked", Keys("list").Output);

        // And signing in again works on the new key.
        var again = await app.SignInAsync("officer");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/cases")).StatusCode);
    }
}
