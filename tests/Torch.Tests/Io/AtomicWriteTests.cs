using System.Buffers;
using Trainer.Torch.Io;

namespace Trainer.Torch.Tests.Io;

/// <summary>Writing to a path goes through a temp file that is fsynced and renamed: no half-written checkpoints.</summary>
public sealed class AtomicWriteTests
{
    [Fact]
    public void Overwriting_replaces_the_file_and_leaves_no_temp_files()
    {
        using var dir = new TempDir();
        var path = dir.File("ckpt.safetensors");
        SafeTensorsFile.Write(path, [SafeTensorEntry.Create("w", [1f, 2f])]);

        SafeTensorsFile.Write(path, [SafeTensorEntry.Create("w", [3f, 4f, 5f])]);

        Assert.Equal([3f, 4f, 5f], SafeTensorsFile.Read(path)["w"].ToFloatArray());
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_write_that_fails_half_way_leaves_the_previous_file_intact_and_no_temp_file()
    {
        using var dir = new TempDir();
        var path = dir.File("ckpt.safetensors");
        SafeTensorsFile.Write(path, [SafeTensorEntry.Create("w", [1f, 2f])], new Dictionary<string, string> { ["step"] = "1" });
        var before = File.ReadAllBytes(path);
        using var failing = new FailingMemory(4096, dir.Path);
        var entries = new[] { SafeTensorEntry.Create("a", new float[1024]), new SafeTensorEntry("z", SafeTensorDType.F32, [1024], failing.Memory) };

        var error = Assert.Throws<IOException>(() => SafeTensorsFile.Write(path, entries));

        Assert.Equal("simulated disk failure", error.Message);
        Assert.True(failing.TempFileExistedAtFailure, "the failure should happen while the temp file is being written");
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Writing_into_a_missing_folder_fails_without_creating_anything()
    {
        using var dir = new TempDir();

        Assert.Throws<DirectoryNotFoundException>(() =>
            SafeTensorsFile.Write(dir.File("missing/ckpt.safetensors"), [SafeTensorEntry.Create("w", [1f])]));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Save_writes_a_files_entries_and_metadata()
    {
        using var dir = new TempDir();
        var path = dir.File("copy.safetensors");
        var original = new SafeTensorsFile([SafeTensorEntry.Create("w", [1, 2])], new Dictionary<string, string> { ["k"] = "v" });

        original.Save(path);

        var copy = SafeTensorsFile.Read(path);
        Assert.Equal([1, 2], copy["w"].ToInt32Array());
        Assert.Equal("v", copy.Metadata["k"]);
    }

    /// <summary>Memory whose first GetSpan (taken when the Memory is created) works and later ones throw,
    /// noting whether a temp file sat in <paramref name="folder"/> at that moment.</summary>
    private sealed class FailingMemory(int length, string folder) : MemoryManager<byte>
    {
        private readonly byte[] _bytes = new byte[length];
        private int _calls;

        public bool TempFileExistedAtFailure { get; private set; }

        public override Span<byte> GetSpan()
        {
            if (++_calls == 1)
            {
                return _bytes;
            }

            TempFileExistedAtFailure = Directory.GetFiles(folder, "*.tmp").Length == 1;
            throw new IOException("simulated disk failure");
        }

        public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
