using System.Diagnostics;

namespace BasketReasoner.Server.Tests.Infrastructure;

/// <summary>
/// A real, small filesystem (a tmpfs of a few hundred KiB mounted for the test; needs root, which the test machine
/// and CI have): a full disk and a read-only remount are the kernel's, not simulated. <see cref="TryMount"/> returns
/// <c>null</c> where mounting is not permitted, and the caller says what it used instead.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk? TryMount(int kib)
    {
        var dir = Directory.CreateTempSubdirectory("basket-small-disk-").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", $"size={kib}k,mode=0777", "tmpfs", dir) != 0)
        {
            Directory.Delete(dir);
            return null;
        }

        return new SmallDisk(dir);
    }

    /// <summary>Fills the disk with a file until writing fails; returns the file (delete it to free the space).</summary>
    public string Fill(int leaveBytes = 0)
    {
        var filler = System.IO.Path.Combine(Path, "filler.bin");
        var block = new byte[4096];
        using var f = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                f.Write(block);
                f.Flush();
            }
        }
        catch (IOException)
        {
        }

        f.SetLength(Math.Max(0, f.Length - leaveBytes - block.Length));
        return filler;
    }

    public void ReadOnly(bool readOnly) =>
        Assert.Equal(0, Run("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Path));

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int Run(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            using var p = Process.Start(info)!;
            p.WaitForExit(10_000);
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
