using System.Text.Json;

namespace Trainer.Bench.Tests;

public class JsonLinesTests
{
    private static BenchResult Row(Better better, Summary? peer, Target? target = null) => new()
    {
        Name = "gemm-2048",
        Description = "c = a @ b",
        Unit = "GFLOP/s",
        Better = better,
        Threads = new ThreadSetting(1, 2),
        Rounds = 3,
        Iterations = 4,
        Ours = Summary.Of(new[] { 90.0, 100.0, 110.0 }),
        Peer = peer,
        Target = target,
        OursPeakRssBytes = 200L * 1024 * 1024,
        PeerPeakRssBytes = -1,
    };

    [Fact]
    public void A_row_is_one_line_with_the_issue_fields_and_ratio_ours_over_peer()
    {
        string line = JsonLines.Format(Row(Better.Higher, Summary.Of(new[] { 120.0, 125.0, 130.0 }), new Target(0.95, "issue 2")));
        Assert.DoesNotContain('\n', line);
        JsonElement o = JsonDocument.Parse(line).RootElement;
        Assert.Equal("gemm-2048", o.GetProperty("name").GetString());
        Assert.Equal(100.0, o.GetProperty("ours").GetDouble());
        Assert.Equal(125.0, o.GetProperty("pytorch").GetDouble());
        Assert.Equal(125.0, o.GetProperty("peer").GetDouble());
        Assert.Equal("GFLOP/s", o.GetProperty("unit").GetString());
        Assert.Equal(0.8, o.GetProperty("ratio").GetDouble(), 12);
        Assert.Equal("higher", o.GetProperty("better").GetString());
        Assert.Equal(1, o.GetProperty("threads").GetProperty("torch").GetInt32());
        Assert.Equal(2, o.GetProperty("threads").GetProperty("blas").GetInt32());
        Assert.Equal(">= 0.95", o.GetProperty("target").GetString());
        Assert.False(o.GetProperty("met").GetBoolean());
        Assert.Equal(200.0, o.GetProperty("ours_peak_rss_mb").GetDouble());
        Assert.Equal(JsonValueKind.Null, o.GetProperty("peer_peak_rss_mb").ValueKind);
    }

    [Fact]
    public void Without_a_peer_the_peer_fields_and_ratio_are_null()
    {
        JsonElement o = JsonDocument.Parse(JsonLines.Format(Row(Better.Lower, null))).RootElement;
        Assert.Equal(JsonValueKind.Null, o.GetProperty("pytorch").ValueKind);
        Assert.Equal(JsonValueKind.Null, o.GetProperty("ratio").ValueKind);
        Assert.False(o.TryGetProperty("met", out _));
    }

    [Fact]
    public void The_table_marks_a_missed_target()
    {
        var writer = new StringWriter();
        ResultTable.Write(new[] { Row(Better.Higher, Summary.Of(new[] { 200.0 }), new Target(0.95, "issue 2")) }, writer);
        string text = writer.ToString();
        Assert.Contains("gemm-2048", text);
        Assert.Contains("0.50", text);
        Assert.Contains("NO", text);
    }
}
