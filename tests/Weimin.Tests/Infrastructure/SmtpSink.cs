using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Weimin.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd on a free 127.0.0.1 port, writing what it receives into a
/// maildir that the test reads back. It can be stopped and started again on the same port (outage tests).
/// </summary>
public sealed partial class SmtpSink : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("weimin-smtp-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort();
    public string Maildir => Path.Combine(_root, "maildir");

    public SmtpSink() => Start();

    public bool Running => _process is { HasExited: false };

    public void Start()
    {
        if (Running) return;
        // The Mailbox handler wants a maildir that does not exist yet or is complete (tmp, new, cur).
        foreach (var sub in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(Maildir, sub));
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir }) start.ArgumentList.Add(a);
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_process.HasExited) throw new InvalidOperationException("aiosmtpd exited at once (is python3-aiosmtpd installed?)");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException("aiosmtpd did not listen within 15 s");
    }

    public void Stop()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<ReceivedMail> Messages()
    {
        var dir = Path.Combine(Maildir, "new");
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir).Select(f => ReceivedMail.Parse(File.ReadAllText(f, Encoding.UTF8))).ToList()
            : [];
    }

    /// <summary>Waits (briefly) until at least <paramref name="count"/> messages have landed.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan? within = null)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var all = Messages();
            if (all.Count >= count || sw.Elapsed > (within ?? TimeSpan.FromSeconds(10))) return all;
            await Task.Delay(50);
        }
    }

    public void Clear()
    {
        foreach (var f in Directory.GetFiles(Path.Combine(Maildir, "new"))) File.Delete(f);
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

/// <summary>A received message, decoded just enough for assertions: headers (encoded words decoded) and the text body.</summary>
public sealed partial record ReceivedMail(IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Subject => Headers.GetValueOrDefault("subject", "");
    public string To => Headers.GetValueOrDefault("to", "");
    public string MessageId => Headers.GetValueOrDefault("message-id", "");

    public static ReceivedMail Parse(string raw)
    {
        raw = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? raw : raw[..split];
        var body = split < 0 ? "" : raw[(split + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Regex.Replace(head, "\n[ \t]+", " ").Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            headers.TryAdd(line[..colon].Trim().ToLowerInvariant(), DecodeWords(line[(colon + 1)..].Trim()));
        }
        var encoding = headers.GetValueOrDefault("content-transfer-encoding", "").ToLowerInvariant();
        var text = encoding switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", ""))),
            "quoted-printable" => QuotedPrintable(body),
            _ => body,
        };
        return new ReceivedMail(headers, text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
    }

    private static string DecodeWords(string value) => EncodedWord().Replace(AdjacentWords().Replace(value, "?==?"), m =>
    {
        var bytes = m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Convert.FromBase64String(m.Groups[3].Value)
            : QuotedPrintableBytes(m.Groups[3].Value.Replace('_', ' '));
        return Encoding.GetEncoding(m.Groups[1].Value).GetString(bytes);
    });

    private static string QuotedPrintable(string s) => Encoding.UTF8.GetString(QuotedPrintableBytes(s.Replace("=\n", "", StringComparison.Ordinal)));

    private static byte[] QuotedPrintableBytes(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '=' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
            }
        }
        return bytes.ToArray();
    }

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex AdjacentWords();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
