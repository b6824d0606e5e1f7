using System.Text;
using Trainer.Training.Runs;

namespace Trainer.Training.Tests.Runs;

public class AtomicFileTests
{
    [Fact]
    public void Write_replaces_the_whole_file()
    {
        using var dir = new TempFolder();
        var path = dir.File("ckpt.bin");
        File.WriteAllText(path, "old content that is longer than the new one");

        AtomicFile.Write(path, "new"u8.ToArray());

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_failing_writer_leaves_the_previous_file_intact_and_no_temp_file()
    {
        using var dir = new TempFolder();
        var path = dir.File("ckpt.bin");
        File.WriteAllText(path, "good checkpoint");

        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes(new string('x', 100_000)));
            throw new InvalidOperationException("disk on fire");
        }));

        Assert.Equal("disk on fire", e.Message);
        Assert.Equal("good checkpoint", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_failing_first_write_creates_nothing()
    {
        using var dir = new TempFolder();

        Assert.Throws<IOException>(() => AtomicFile.Write(dir.File("x.json"), _ => throw new IOException("full")));

        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void The_stream_writer_form_writes_large_content()
    {
        using var dir = new TempFolder();
        var path = dir.File("big.bin");
        var bytes = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 31)).ToArray();

        AtomicFile.Write(path, stream =>
        {
            stream.Write(bytes, 0, 1000);
            stream.Write(bytes, 1000, bytes.Length - 1000);
        });

        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Leftover_temp_files_of_dead_processes_are_removed_and_live_ones_kept()
    {
        using var dir = new TempFolder();
        var dead = dir.File(".ckpt.safetensors.999999999.abcdef12.tmp");
        var live = dir.File($".ckpt.safetensors.{Environment.ProcessId}.abcdef12.tmp");
        var other = dir.File(".hidden.tmp");
        File.WriteAllText(dead, "partial");
        File.WriteAllText(live, "partial");
        File.WriteAllText(other, "not ours");

        var removed = AtomicFile.RemoveLeftovers(dir.Path);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(other));
    }
}
